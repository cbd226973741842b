package no.formidling.correspondence;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.web.ValidationProblem;
import org.springframework.format.annotation.DateTimeFormat;
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

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    IdsExt search(@RequestParam(required = false) String resourceId,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
                  @RequestParam(required = false) CorrespondenceStatus status,
                  @RequestParam(required = false) CorrespondenceSearch.Role role,
                  @RequestParam(required = false) String onBehalfOf,
                  @RequestParam(required = false) String sendersReference,
                  @RequestParam(required = false) UUID idempotentKey) {
        if (role == null) {
            throw ValidationProblem.of("role", "The role field is required.");
        }
        return new IdsExt(search.search(access.caller(),
                new CorrespondenceSearch.Query(resourceId, from, to, status, role, onBehalfOf, sendersReference, idempotentKey)));
    }

    @GetMapping(path = "/{correspondenceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> overview(@PathVariable UUID correspondenceId) {
        return actions.overview(correspondenceId);
    }

    @GetMapping(path = "/{correspondenceId}/details", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> details(@PathVariable UUID correspondenceId) {
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
    Map<String, Boolean> checkReminder(@PathVariable UUID correspondenceId) {
        return forwarding.check(correspondenceId, false);
    }

    @GetMapping(path = "/{correspondenceId}/notification/check/main", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Boolean> checkMain(@PathVariable UUID correspondenceId) {
        return forwarding.check(correspondenceId, true);
    }
}
