import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A real SMTP server (GreenMail, every recipient accepted) for the mass-send benchmark; writes how many messages it
 * has received into a file every 100 ms, so the script counts the emails at the server that received them.
 *
 * <p>{@code java -cp greenmail-standalone.jar SmtpSink.java <port> <count file>}; runs until killed.
 */
public class SmtpSink {
    public static void main(String[] args) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path count = Path.of(args[1]);
        Path next = Path.of(args[1] + ".next");
        while (true) {
            Files.writeString(next, smtp.getReceivedMessages().length + "\n");
            Files.move(next, count, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(100);
        }
    }
}
