package no.formidling.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import no.formidling.auth.CallerResolver;
import no.formidling.auth.Scopes;
import no.formidling.web.ApiProblem;
import no.formidling.web.ValidationProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of event deliveries: the dead-letter list and re-driving it (scope altinn:broker.maintenance). */
@RestController
@RequestMapping(path = "/api/admin/events", produces = "application/json")
@Tag(name = "Event delivery admin", description = "Pending and dead-lettered event deliveries (scope altinn:broker.maintenance)")
class EventAdminController {
    private static final List<String> STATES = List.of("pending", "delivered", "dead");
    private final DeadLetters deliveries;
    private final CallerResolver callers;

    EventAdminController(DeadLetters deliveries, CallerResolver callers) {
        this.deliveries = deliveries;
        this.callers = callers;
    }

    @Operation(summary = "Deliveries in a state (dead by default), newest first")
    @GetMapping("/deliveries")
    public List<DeliveryView> deliveries(@RequestParam(defaultValue = "dead") String state, @RequestParam(defaultValue = "100") int limit) {
        requireMaintenance();
        if (!STATES.contains(state)) {
            throw ValidationProblem.of("state", "One of " + String.join(", ", STATES) + ".");
        }
        return deliveries.list(state, Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "Send a dead-lettered delivery again, with a fresh set of attempts")
    @PostMapping("/deliveries/{id}/redrive")
    public Map<String, Object> redrive(@PathVariable long id) {
        requireMaintenance();
        if (!deliveries.redrive(id)) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "No dead-lettered delivery " + id + ".");
        }
        return Map.of("redriven", 1);
    }

    @Operation(summary = "Send every dead-lettered delivery again")
    @PostMapping("/deliveries/redrive")
    public Map<String, Object> redriveAll() {
        requireMaintenance();
        return Map.of("redriven", deliveries.redriveAll());
    }

    private void requireMaintenance() {
        if (!callers.current().has(Scopes.MAINTENANCE)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "The event admin API needs a token with scope " + Scopes.MAINTENANCE);
        }
    }
}
