package no.formidling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import no.formidling.scan.MalwareScanner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The scanner and SMTP lights: not configured, up, down, and checked again only after the cache time. */
class HealthStripTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A scanner whose answer the test sets, counting how often it is asked. */
    static final class CountingScanner implements MalwareScanner {
        final AtomicInteger pings = new AtomicInteger();
        volatile boolean up = true;

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Verdict scan(InputStream bytes) {
            return Verdict.CLEAN;
        }

        @Override
        public void ping(Duration timeout) throws IOException {
            pings.incrementAndGet();
            if (!up) {
                throw new IOException("Connection refused");
            }
        }
    }

    static final MalwareScanner NONE = new MalwareScanner() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Verdict scan(InputStream bytes) {
            return Verdict.CLEAN;
        }
    };

    static HealthStrip strip(MalwareScanner scanner, String mailHost, JavaMailSender sender, Clock clock) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (sender != null) {
            beans.addBean("mailSender", sender);
        }
        return new HealthStrip(null, null, scanner, "clamav", beans.getBeanProvider(JavaMailSender.class), mailHost,
                Duration.ofSeconds(1), Duration.ofSeconds(30), clock);
    }

    @Test
    void nothingConfiguredIsNotConfigured() {
        HealthStrip strip = strip(NONE, "", null, new ManualClock());
        assertThat(strip.scanner().state()).isEqualTo(HealthStrip.State.OFF);
        assertThat(strip.mail().state()).isEqualTo(HealthStrip.State.OFF);
    }

    @Test
    void theScannerIsPingedAtMostOncePerCacheTime() {
        ManualClock clock = new ManualClock();
        CountingScanner scanner = new CountingScanner();
        HealthStrip strip = strip(scanner, "", null, clock);
        assertThat(strip.scanner().state()).isEqualTo(HealthStrip.State.UP);
        scanner.up = false;
        clock.now = clock.now.plusSeconds(20);
        assertThat(strip.scanner().state()).as("still the cached answer").isEqualTo(HealthStrip.State.UP);
        assertThat(scanner.pings).hasValue(1);
        clock.now = clock.now.plusSeconds(11);
        HealthStrip.Light down = strip.scanner();
        assertThat(down.state()).isEqualTo(HealthStrip.State.DOWN);
        assertThat(down.detail()).contains("Connection refused");
        assertThat(scanner.pings).hasValue(2);
    }

    @Test
    void smtpIsUpWhenTheServerGreetsAndDownWhenNobodyListens() throws Exception {
        try (ServerSocket smtp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerOneSmtpSession(smtp));
            server.setDaemon(true);
            server.start();
            HealthStrip strip = strip(NONE, "127.0.0.1", sender(smtp.getLocalPort()), new ManualClock());
            HealthStrip.Light up = strip.mail();
            assertThat(up.state()).as(String.valueOf(up.detail())).isEqualTo(HealthStrip.State.UP);
            assertThat(up.detail()).isEqualTo("127.0.0.1:" + smtp.getLocalPort());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(strip(NONE, "127.0.0.1", sender(closed), new ManualClock()).mail().state()).isEqualTo(HealthStrip.State.DOWN);
    }

    static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return sender;
    }

    /** Just enough SMTP for a connection test: greet, answer EHLO/HELO and NOOP, say goodbye on QUIT. */
    static void answerOneSmtpSession(ServerSocket smtp) {
        try (Socket s = smtp.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            PrintWriter w = new PrintWriter(out, true, StandardCharsets.US_ASCII);
            w.print("220 test ESMTP\r\n");
            w.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                if (command.equals("QUIT")) {
                    w.print("221 bye\r\n");
                    w.flush();
                    return;
                }
                w.print("250 ok\r\n");
                w.flush();
            }
        } catch (IOException ignored) {
            // the test sees the outcome through the light
        }
    }
}
