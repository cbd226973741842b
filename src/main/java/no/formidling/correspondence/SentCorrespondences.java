package no.formidling.correspondence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.register.PartyRegister;
import no.formidling.web.KeysetPage;
import org.springframework.stereotype.Service;

/**
 * What the service owner's pages ask of Correspondence: the messages its organisation sent, and for one of them the
 * status history and who was notified, how, when and with what outcome. Access is the API's: only the sender sees them.
 */
@Service
public class SentCorrespondences {
    /** A sent message in the list; {@code recipient} is the registered name, else the number. */
    public record Sent(UUID id, String title, String recipient, String resourceId, String sendersReference,
                       CorrespondenceStatus status, Instant date) {
    }

    /** One notification: {@code status} is Pending, Sent or Failed ({@code failure} says why); {@code sent} set once sent. */
    public record Notification(String channel, String address, boolean reminder, String status, String failure,
                               Instant requested, Instant sent, int attempts) {
    }

    /** One sent message with its status history (oldest first) and its notifications (in the order they were due). */
    public record Detail(Sent summary, List<CorrespondencePages.Step> history, List<Notification> notifications) {
    }

    private final CorrespondenceAccess access;
    private final CorrespondenceListing listing;
    private final CorrespondenceRepository correspondences;
    private final NotificationHistory notifications;
    private final PartyRegister register;

    SentCorrespondences(CorrespondenceAccess access, CorrespondenceListing listing, CorrespondenceRepository correspondences,
                        NotificationHistory notifications, PartyRegister register) {
        this.access = access;
        this.listing = listing;
        this.correspondences = correspondences;
        this.notifications = notifications;
        this.register = register;
    }

    /** One page of the caller's sent messages under every resource (or one), newest publish time first. */
    public MessageList<Sent> list(String resourceId, CorrespondenceStatus status, String text, KeysetPage page) {
        String self = access.caller().party();
        if (self == null) {
            throw CorrespondenceError.COULD_NOT_DETERMINE_CALLER.problem();
        }
        return listing.list(CorrespondenceListing.Filter.from(self, resourceId, status, text), page,
                found -> found.stream().map(this::sent).toList());
    }

    /** One sent message; 4001 (no access) when the caller is not its sender, 1001 when unknown. */
    public Detail detail(UUID id) {
        CorrespondenceAccess.Access a = access.require(id, false);
        if (!a.asSender()) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        List<CorrespondencePages.Step> history = correspondences.history(id).stream()
                .map(e -> new CorrespondencePages.Step(e.status(), e.statusChanged())).toList();
        return new Detail(sent(a.correspondence()), history, notifications.ofCorrespondence(id));
    }

    private Sent sent(Correspondence c) {
        return new Sent(c.id(), c.messageTitle(), SenderNames.displayName(register, c.recipient()), c.resourceId(),
                c.sendersReference(), c.status(), c.published() != null ? c.published() : c.requestedPublishTime());
    }
}
