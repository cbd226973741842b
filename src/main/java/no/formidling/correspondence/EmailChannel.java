package no.formidling.correspondence;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends notification emails over SMTP ({@code spring.mail.*}); without an SMTP host it logs them instead. */
@Component
class EmailChannel {
    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail looks its stream provider up through ServiceLoader on every MIME encode (jakartaee/mail-api#861),
        // a scan of every nested jar that was most of an email's CPU; naming the provider makes it one class lookup.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, MailStreamProvider.class.getName());
        }
    }
    private final JavaMailSender mail;
    private final String from;

    EmailChannel(ObjectProvider<JavaMailSender> mail, @Value("${formidling.correspondence.mail-from:noreply@formidling.local}") String from) {
        this.mail = mail.getIfAvailable();
        this.from = from;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (mail == null) {
            log.warn("spring.mail.host is not set: correspondence notification emails are written to the log, not sent");
        }
    }

    /** @return a note for the history when the email was only logged, else null */
    String send(String to, String subject, String body) {
        return send(to, subject, body, false);
    }

    /**
     * @param html the body is HTML: sent as multipart/alternative with a plain-text rendering of it for clients
     *             that show no HTML
     * @return a note for the history when the email was only logged, else null
     */
    String send(String to, String subject, String body, boolean html) {
        if (mail == null) {
            log.info("Email (not sent, no SMTP host) to {}: {}\n{}", to, subject, body);
            return "Logged: no SMTP host configured";
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = html ? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8")
                    : new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            if (html) {
                helper.setText(HtmlText.toPlainText(body), body);
            } else {
                helper.setText(body, false);
            }
            mail.send(message);
            return null;
        } catch (MessagingException | MailException e) {
            throw new DeliveryFailedException("Email to " + to + " failed: " + e.getMessage(), e);
        }
    }
}
