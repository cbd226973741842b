package no.formidling.correspondence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import no.formidling.correspondence.InitializeCorrespondencesExt.BaseCorrespondenceExt;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import no.formidling.web.ValidationProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Initialize: validates like upstream, then creates one correspondence per recipient and starts each one's process. */
@Service
class InitializeCorrespondences {

    record InitializedExt(UUID correspondenceId, CorrespondenceStatus status, String recipient, List<Object> notifications) {
    }

    record ResponseExt(List<InitializedExt> correspondences, List<UUID> attachmentIds) {
    }

    static final long MAX_FORWARDABLE_BYTES = 10_000_000;
    static final int EXPIRING_SOON_HOURS = 6;

    private final ResourceRegistry resources;
    private final PartyRegister parties;
    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final CorrespondenceProcess process;
    private final AttachmentRepository attachments;
    private final ObjectMapper json;
    private final Clock clock;
    private final NotificationSettings settings;

    InitializeCorrespondences(ResourceRegistry resources, PartyRegister parties, CorrespondenceRepository correspondences,
                              CorrespondenceStatusService statuses, CorrespondenceProcess process, AttachmentRepository attachments,
                              ObjectMapper json, Clock clock, NotificationSettings settings) {
        this.settings = settings;
        this.resources = resources;
        this.parties = parties;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.process = process;
        this.attachments = attachments;
        this.json = json;
        this.clock = clock;
    }

    /** Checks everything that does not depend on stored attachments; returns the parsed recipients. */
    List<PartyId> validate(Caller caller, InitializeCorrespondencesExt request, int inlineAttachments) {
        BaseCorrespondenceExt c = request.correspondence();
        if (request.idempotentKey() != null && new UUID(0, 0).equals(request.idempotentKey())) {
            throw CorrespondenceError.INVALID_IDEMPOTENCY_KEY.problem();
        }
        if (request.idempotentKey() != null && request.recipients().size() > 1) {
            throw CorrespondenceError.IDEMPOTENT_KEY_WITH_MANY_RECIPIENTS.problem();
        }
        List<PartyId> recipients = new ArrayList<>();
        for (String r : request.recipients()) {
            PartyId id = PartyId.parse(r);
            if (id == null) {
                throw ValidationProblem.of("recipients", "Recipient '" + r + "' must be an organisation number (0192:<orgNo> or "
                        + "urn:altinn:organization:identifier-no:<orgNo>) or a national identity number");
            }
            recipients.add(id);
        }
        if (recipients.isEmpty()) {
            throw ValidationProblem.of("recipients", "At least one recipient is required");
        }
        if (new HashSet<>(recipients).size() != recipients.size()) {
            throw CorrespondenceError.DUPLICATE_RECIPIENTS.problem();
        }
        if (request.existingAttachmentIds().size() + inlineAttachments > CorrespondenceRules.MAX_ATTACHMENTS) {
            throw CorrespondenceError.TOO_MANY_ATTACHMENTS.problem();
        }
        CorrespondenceRules.checkContent(c.content());
        Instant now = clock.instant();
        CorrespondenceRules.checkSenderAndDates(c, now, publishTime(c, now));
        CorrespondenceRules.checkReplyOptions(c.replyOptions());
        CorrespondenceRules.checkNotification(c.notification(), recipients.size());
        return recipients;
    }

    /** The sender of a correspondence is the resource's service owner; the caller must be it or may write to the resource. */
    ResourceRegistry.RegisteredResource authorize(Caller caller, String resourceId) {
        ResourceRegistry.RegisteredResource resource = resources.find(resourceId).orElseThrow(CorrespondenceError.INVALID_RESOURCE::problem);
        boolean owner = resource.serviceOwnerOrgNo().equals(caller.orgNo());
        if (!caller.mayUse(resourceId) || (!owner && (caller.party() == null || !resources.canWrite(resourceId, caller.party())))) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        return resource;
    }

    /**
     * Upstream's resource rules: a confidential resource takes only confidential correspondences (1060), and only it
     * may (1061); forwarding is allowed only under a resource that needs no authentication level above 0 (1068).
     */
    static void checkResource(ResourceRegistry.RegisteredResource resource, BaseCorrespondenceExt c) {
        if (resource.confidential() && !c.isConfidential()) {
            throw CorrespondenceError.CONFIDENTIAL_RESOURCE_WITHOUT_FLAG.problem();
        }
        if (c.isConfidential() && !resource.confidential()) {
            throw CorrespondenceError.CONFIDENTIAL_FLAG_ON_NON_CONFIDENTIAL_RESOURCE.problem();
        }
        if (c.allowForwarding() && resource.minimumAuthenticationLevel() > 0) {
            throw CorrespondenceError.FORWARDING_WITH_AUTHENTICATION_LEVEL.problem();
        }
    }

    @Transactional
    ResponseExt initialize(Caller caller, InitializeCorrespondencesExt request, List<UUID> inlineAttachmentIds) {
        List<PartyId> recipients = validate(caller, request, inlineAttachmentIds.size());
        BaseCorrespondenceExt c = request.correspondence();
        ResourceRegistry.RegisteredResource resource = authorize(caller, c.resourceId());
        checkResource(resource, c);
        String sender = Parties.ofOrgNo(resource.serviceOwnerOrgNo());
        boolean ignoreReservation = Boolean.TRUE.equals(c.ignoreReservation());
        Set<PartyId> reserved = new HashSet<>();
        for (PartyId r : recipients) {
            if (!ignoreReservation && parties.isReserved(r)) {
                reserved.add(r);
            }
        }
        if (recipients.size() == 1 && !reserved.isEmpty()) {
            throw CorrespondenceError.RECIPIENT_RESERVED.problem(recipients.get(0).number());
        }
        List<UUID> attachmentIds = new ArrayList<>(request.existingAttachmentIds());
        List<Attachment> existing = checkExisting(request.existingAttachmentIds(), sender);
        boolean allPublished = inlineAttachmentIds.isEmpty();
        attachmentIds.addAll(inlineAttachmentIds);
        if (c.allowForwarding()) {
            checkForwardable(existing, inlineAttachmentIds);
        }
        checkNotExpiringSoon(existing, clock.instant());
        if (request.idempotentKey() != null && correspondences.existsWithIdempotentKey(request.idempotentKey())) {
            throw CorrespondenceError.DUPLICATE_IDEMPOTENT_KEY.problem();
        }
        Instant now = clock.instant();
        List<InitializedExt> created = new ArrayList<>();
        for (PartyId recipient : recipients) {
            CorrespondenceStatus status = reserved.contains(recipient) ? CorrespondenceStatus.Reserved
                    : allPublished ? CorrespondenceStatus.ReadyForPublish : CorrespondenceStatus.Initialized;
            Correspondence correspondence = toEntity(c, sender, recipient, request.idempotentKey(), status, now);
            try {
                statuses.created(correspondence);
            } catch (DuplicateKeyException e) {
                throw CorrespondenceError.DUPLICATE_IDEMPOTENT_KEY.problem();
            }
            attachments.link(correspondence.id(), attachmentIds, correspondence.requestedPublishTime());
            if (status != CorrespondenceStatus.Reserved) {
                process.start(correspondence.id(), schedule(correspondence, c, now, !attachmentIds.isEmpty()));
            }
            created.add(new InitializedExt(correspondence.id(), status, recipient.urn(), List.of()));
        }
        return new ResponseExt(created, attachmentIds);
    }

    /** Existing attachments must exist (1007), belong to the sender (1017) and be published (1018). */
    private List<Attachment> checkExisting(List<UUID> ids, String sender) {
        List<Attachment> found = new ArrayList<>();
        for (UUID id : ids) {
            Attachment a = attachments.find(id).orElseThrow(CorrespondenceError.EXISTING_ATTACHMENT_NOT_FOUND::problem);
            if (!a.sender().equals(sender)) {
                throw CorrespondenceError.INVALID_SENDER_FOR_ATTACHMENT.problem();
            }
            if (a.status() != AttachmentStatus.Published) {
                throw CorrespondenceError.ATTACHMENT_NOT_PUBLISHED.problem();
            }
            found.add(a);
        }
        return found;
    }

    /** Upstream's limit for a forwardable correspondence: at most 10,000,000 bytes of attachments, existing and inline (1069). */
    private void checkForwardable(List<Attachment> existing, List<UUID> inline) {
        long total = existing.stream().mapToLong(a -> a.size() == null ? 0 : a.size()).sum();
        for (UUID id : inline) {
            total += attachments.find(id).map(Attachment::size).orElse(0L);
        }
        if (total > MAX_FORWARDABLE_BYTES) {
            throw CorrespondenceError.FORWARDING_WITH_LARGE_ATTACHMENTS.problem();
        }
    }

    /**
     * Upstream refuses an existing attachment that, as its links stand, expires for good within
     * {@value #EXPIRING_SOON_HOURS} hours (1055): it would be gone soon after the new correspondence is published.
     */
    private void checkNotExpiringSoon(List<Attachment> existing, Instant now) {
        Instant limit = now.plus(java.time.Duration.ofHours(EXPIRING_SOON_HOURS));
        for (Attachment a : existing) {
            if (attachments.latestLinkExpiry(a.id()).filter(expiry -> !expiry.isAfter(limit)).isPresent()) {
                throw CorrespondenceError.EXISTING_ATTACHMENT_EXPIRING_SOON.problem(EXPIRING_SOON_HOURS);
            }
        }
    }

    private CorrespondenceProcess.Schedule schedule(Correspondence stored, BaseCorrespondenceExt c, Instant now, boolean hasAttachments) {
        var n = c.notification();
        Instant notificationTime = n == null ? null : settings.notificationTime(stored.requestedPublishTime(), now);
        if (n != null && NotificationSettings.mayUseSms(n.channel())) {
            notificationTime = settings.nextSmsTime(notificationTime);
        }
        return new CorrespondenceProcess.Schedule(stored.requestedPublishTime(), notificationTime, n != null && n.sendReminder(),
                stored.dueDateTime(), stored.allowSystemDeleteAfter(), hasAttachments ? attachments.nextExpiry(stored.id(), Instant.EPOCH) : null);
    }

    static Instant publishTime(BaseCorrespondenceExt c, Instant now) {
        return c.requestedPublishTime() == null || c.requestedPublishTime().toInstant().isBefore(now) ? now : c.requestedPublishTime().toInstant();
    }

    private Correspondence toEntity(BaseCorrespondenceExt c, String sender, PartyId recipient, UUID idempotentKey,
                                    CorrespondenceStatus status, Instant now) {
        var content = c.content();
        return new Correspondence(UUID.randomUUID(), c.resourceId(), sender, recipient.urn(), c.sendersReference(), c.messageSender(),
                content.language() == null ? "nb" : content.language().toLowerCase(java.util.Locale.ROOT), content.messageTitle(),
                content.messageSummary(), content.messageBody(), publishTime(c, now),
                c.dueDateTime() == null ? null : c.dueDateTime().toInstant(),
                CorrespondenceRules.honouredDeleteAfter(c, now, publishTime(c, now)),
                Boolean.TRUE.equals(c.ignoreReservation()), c.isConfirmationNeeded(), c.isConfidential(), c.allowForwarding(),
                write(c.propertyList() == null ? Map.of() : c.propertyList()), write(c.externalReferences()), write(c.replyOptions()),
                write(c.notification()), idempotentKey, status, status.name(), now, now, null);
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
