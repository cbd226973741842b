package no.formidling.correspondence;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.formidling.register.PartyRegister;
import no.formidling.web.KeysetPage;
import org.springframework.stereotype.Service;

/**
 * What the web pages ask of Correspondence, answered by the API's own use cases for the signed-in caller (resolved
 * as the API resolves it): a page lists what a recipient's search would find, and opening a message records Fetched
 * and Read exactly as reading its content over the API does.
 */
@Service
public class CorrespondencePages {
    /** A message in the recipient's list. */
    public record Listed(UUID id, String title, String sender, String resourceId, CorrespondenceStatus status, Instant date,
                         boolean unread, boolean confirmationNeeded, boolean confirmed) {
    }

    /** A page of the recipient's list and the number of its messages in each status. */
    /** An opened message with its attachments and its status history (oldest first). */
    public record Opened(Listed summary, String messageSummary, String body, Instant due, List<File> attachments, List<Step> history) {
    }

    public record File(UUID id, String fileName, String displayName, Long size, boolean downloadable) {
    }

    public record Step(CorrespondenceStatus status, Instant at) {
    }

    private final CorrespondenceAccess access;
    private final CorrespondenceListing listing;
    private final CorrespondenceActions actions;
    private final CorrespondenceRepository correspondences;
    private final AttachmentRepository attachments;
    private final RecipientDownloads downloads;
    private final PartyRegister register;

    CorrespondencePages(CorrespondenceAccess access, CorrespondenceListing listing, CorrespondenceActions actions,
                        CorrespondenceRepository correspondences, AttachmentRepository attachments, RecipientDownloads downloads,
                        PartyRegister register) {
        this.access = access;
        this.listing = listing;
        this.actions = actions;
        this.correspondences = correspondences;
        this.attachments = attachments;
        this.downloads = downloads;
        this.register = register;
    }

    /** One page of the caller's received messages (as the API's recipient search finds them), newest first, with the filter's counts. */
    public MessageList<Listed> received(String resourceId, CorrespondenceStatus status, String text, KeysetPage page) {
        String self = CorrespondenceAccess.callerUrn(access.caller());
        if (self == null) {
            throw CorrespondenceError.COULD_NOT_DETERMINE_CALLER.problem();
        }
        return listing.list(CorrespondenceListing.Filter.to(self, resourceId, status, text), page, found -> {
            Map<UUID, Set<CorrespondenceStatus>> reached = listing.reached(found.stream().map(Correspondence::id).toList());
            return found.stream().map(c -> listed(c, reached.getOrDefault(c.id(), Set.of()))).toList();
        });
    }

    /** Opens a message as its recipient: the API's content read (records Fetched and Read), then what the page shows. */
    public Opened open(UUID id) {
        String body = actions.content(id);
        Correspondence c = correspondences.find(id).orElseThrow(CorrespondenceError.NOT_FOUND::problem);
        List<File> files = attachments.ofCorrespondence(id).stream()
                .map(a -> new File(a.id(), a.fileName(), a.displayName(), a.size(), a.status() == AttachmentStatus.Published)).toList();
        List<Step> history = correspondences.history(id).stream().map(e -> new Step(e.status(), e.statusChanged())).toList();
        return new Opened(listed(c), c.messageSummary(), body, c.dueDateTime(), files, history);
    }

    /** The API's confirm: refused (with its CORR code) before the message is fetched or when already confirmed. */
    public void confirm(UUID id) {
        actions.confirm(id);
    }

    /** The recipient's download of one attachment, streamed from the blob store with the API's headers. */
    public void download(UUID correspondenceId, UUID attachmentId, HttpServletResponse response) throws IOException {
        Attachment a = downloads.one(correspondenceId, attachmentId);
        AttachmentController.file(response, a);
        downloads.copy(a, response.getOutputStream());
    }

    private Listed listed(Correspondence c) {
        Set<CorrespondenceStatus> reached = EnumSet.noneOf(CorrespondenceStatus.class);
        for (CorrespondenceStatus s : List.of(CorrespondenceStatus.Read, CorrespondenceStatus.Confirmed)) {
            if (correspondences.hasBeen(c.id(), s)) {
                reached.add(s);
            }
        }
        return listed(c, reached);
    }

    /** {@code reached}: which of Read and Confirmed the message's history holds. */
    private Listed listed(Correspondence c, Set<CorrespondenceStatus> reached) {
        String sender = SenderNames.of(register, c.messageSender(), c.sender());
        Instant date = c.published() != null ? c.published() : c.created();
        return new Listed(c.id(), c.messageTitle(), sender, c.resourceId(), c.status(), date,
                !reached.contains(CorrespondenceStatus.Read), c.isConfirmationNeeded(), reached.contains(CorrespondenceStatus.Confirmed));
    }

}
