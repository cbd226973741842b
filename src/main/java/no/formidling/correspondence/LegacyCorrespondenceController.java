package no.formidling.correspondence;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Upstream's LegacyCorrespondenceController (the Altinn 2 portal's calls), for a recipient with the read scope. */
@RestController
@RequestMapping("/correspondence/api/v1/legacy/correspondence")
@Tag(name = "Correspondence (legacy)", description = "The Altinn 2 portal's endpoints")
class LegacyCorrespondenceController {
    private final LegacyCorrespondences legacy;
    private final CorrespondenceActions actions;

    LegacyCorrespondenceController(LegacyCorrespondences legacy, CorrespondenceActions actions) {
        this.legacy = legacy;
        this.actions = actions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LegacyCorrespondenceAnswers.LegacyGetCorrespondencesResponse search(@RequestBody(required = false) LegacyCorrespondences.SearchExt request) {
        return legacy.search(request);
    }

    @GetMapping(path = "/{correspondenceId}/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    LegacyCorrespondenceAnswers.LegacyCorrespondenceOverviewExt overview(@PathVariable UUID correspondenceId) {
        return legacy.overview(correspondenceId);
    }

    @GetMapping(path = "/{correspondenceId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    List<LegacyCorrespondenceAnswers.LegacyCorrespondenceStatusExt> history(@PathVariable UUID correspondenceId) {
        return legacy.history(correspondenceId);
    }

    @PostMapping(path = "/{correspondenceId}/markasread", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID markAsRead(@PathVariable UUID correspondenceId) {
        return legacy.changeStatus(correspondenceId, CorrespondenceStatus.Read);
    }

    @PostMapping(path = "/{correspondenceId}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID confirm(@PathVariable UUID correspondenceId) {
        return legacy.changeStatus(correspondenceId, CorrespondenceStatus.Confirmed);
    }

    @PostMapping(path = "/{correspondenceId}/archive", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID archive(@PathVariable UUID correspondenceId) {
        return actions.archive(correspondenceId);
    }

    @DeleteMapping(path = "/{correspondenceId}/purge", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID purge(@PathVariable UUID correspondenceId) {
        return actions.purge(correspondenceId);
    }
}
