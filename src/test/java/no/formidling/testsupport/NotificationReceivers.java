package no.formidling.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real receivers for notifications, one per test JVM on free ports: GreenMail as the SMTP server and a small
 * HTTP server as the SMS webhook (it records each JSON body; {@link #failNextSms} makes it answer 503).
 */
public final class NotificationReceivers {
    public static final GreenMail MAIL;
    public static final List<String> SMS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger SMS_FAILURES = new AtomicInteger();
    private static final HttpServer SMS_SERVER;

    static {
        // a fixed free port, so the SMTP server can be stopped and started again where the server expects it
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            MAIL = new GreenMail(new ServerSetup(free.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MAIL.start();
        try {
            SMS_SERVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SMS_SERVER.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = SMS_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 202;
            if (status == 202) {
                SMS.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        SMS_SERVER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            MAIL.stop();
            SMS_SERVER.stop(0);
        }));
    }

    private NotificationReceivers() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("formidling.correspondence.sms-webhook-url", () -> "http://127.0.0.1:" + SMS_SERVER.getAddress().getPort() + "/sms");
    }

    /** Runs {@code work} while the SMTP server is down (connections refused), then starts it again on its port. */
    public static void whileMailIsDown(Runnable work) {
        MAIL.stop();
        try {
            work.run();
        } finally {
            MAIL.start();
        }
    }

    public static void failNextSms(int times) {
        SMS_FAILURES.set(times);
    }
}
