package no.formidling.correspondence;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Correspondence endpoints of upstream's CorrespondenceController (JSON variants). */
@RestController
@RequestMapping("/correspondence/api/v1/correspondence")
@Tag(name = "Correspondence", description = "Altinn 3 Correspondence API")
class CorrespondenceController {
    private final InitializeCorrespondences initialize;
    private final CorrespondenceActions actions;
    private final CorrespondenceSearch search;
    private final CorrespondenceAccess access;
    private final MultipartInitialize multipart;
    private final CorrespondenceForwarding forwarding;

    CorrespondenceController(InitializeCorrespondences initialize, CorrespondenceActions actions, CorrespondenceSearch search,
                             CorrespondenceAccess access, MultipartInitialize multipart, CorrespondenceForwarding forwarding) {
        this.forwarding = forwarding;
        this.multipart = multipart;
        this.initialize = initialize;
        this.actions = actions;
        this.search = search;
        this.access = access;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    InitializeCorrespondences.ResponseExt initialize(@Valid @RequestBody InitializeCorrespondencesExt request) {
        return initialize.initialize(access.caller(), request, List.of());
    }

    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    InitializeCorrespondences.ResponseExt initializeWithAttachments(jakarta.servlet.http.HttpServletRequest request) {
        return multipart.handle(access.caller(), request);
    }

    record IdsExt(List<UUID> ids) {
    }

    /** Parameters arrive as text so that every bad one is a 400 listing the field, as ASP.NET's model binding answers. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    IdsExt search(@RequestParam(required = false) String resourceId,
                  @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to,
                  @RequestParam(required = false) String status,
                  @RequestParam(required = false) String role,
                  @RequestParam(required = false) String onBehalfOf,
                  @RequestParam(required = false) String sendersReference,
                  @RequestParam(required = false) String idempotentKey,
                  @RequestParam(required = false) String altinn2CorrespondenceId) {
        var query = CorrespondenceSearch.Query.bind(resourceId, from, to, status, role, onBehalfOf, sendersReference, idempotentKey,
                altinn2CorrespondenceId);
        return new IdsExt(search.search(access.caller(), query));
    }

    @GetMapping(path = "/{correspondenceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    CorrespondenceAnswers.CorrespondenceOverviewExt overview(@PathVariable UUID correspondenceId) {
        return actions.overview(correspondenceId);
    }

    @GetMapping(path = "/{correspondenceId}/details", produces = MediaType.APPLICATION_JSON_VALUE)
    CorrespondenceAnswers.CorrespondenceDetailsExt details(@PathVariable UUID correspondenceId) {
        return actions.details(correspondenceId);
    }

    @GetMapping(path = "/{correspondenceId}/content", produces = MediaType.TEXT_PLAIN_VALUE)
    String content(@PathVariable UUID correspondenceId) {
        return actions.content(correspondenceId);
    }

    @PostMapping(path = "/{correspondenceId}/markasread", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID markAsRead(@PathVariable UUID correspondenceId) {
        return actions.markAsRead(correspondenceId);
    }

    @PostMapping(path = "/{correspondenceId}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID confirm(@PathVariable UUID correspondenceId) {
        return actions.confirm(correspondenceId);
    }

    @DeleteMapping(path = "/{correspondenceId}/purge", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID purge(@PathVariable UUID correspondenceId) {
        return actions.purge(correspondenceId);
    }

    @PostMapping(path = "/{correspondenceId}/forward", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID forward(@PathVariable UUID correspondenceId, @RequestBody(required = false) CorrespondenceForwarding.ForwardExt request) {
        return forwarding.forward(correspondenceId, request);
    }

    @GetMapping(path = "/{correspondenceId}/notification/check", produces = MediaType.APPLICATION_JSON_VALUE)
    CorrespondenceForwarding.NotificationCheckExt checkReminder(@PathVariable UUID correspondenceId) {
        return forwarding.check(correspondenceId, false);
    }

    @GetMapping(path = "/{correspondenceId}/notification/check/main", produces = MediaType.APPLICATION_JSON_VALUE)
    CorrespondenceForwarding.NotificationCheckExt checkMain(@PathVariable UUID correspondenceId) {
        return forwarding.check(correspondenceId, true);
    }

    @GetMapping(path = "/{correspondenceId}/forward/check", produces = MediaType.APPLICATION_JSON_VALUE)
    CorrespondenceForwarding.ForwardingCheckExt canBeForwarded(@PathVariable UUID correspondenceId) {
        return forwarding.canBeForwarded(correspondenceId);
    }
}
