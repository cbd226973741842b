package no.formidling.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import no.formidling.auth.CallerResolver;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Altinn Events' subscription API for this server's events (scope {@code altinn:events.subscribe}). */
@RestController
@RequestMapping(path = "/events/api/v1/subscriptions", produces = "application/json")
@Tag(name = "Event subscriptions", description = "CloudEvents webhooks for the transfers you are a party to (scope altinn:events.subscribe)")
class SubscriptionController {
    private final Subscriptions subscriptions;
    private final CallerResolver callers;

    SubscriptionController(Subscriptions subscriptions, CallerResolver callers) {
        this.subscriptions = subscriptions;
        this.callers = callers;
    }

    @Operation(summary = "Subscribe an endpoint; it receives a validation event and is active once it answers 2xx")
    @PostMapping(consumes = "application/json")
    ResponseEntity<Subscription> create(@RequestBody SubscriptionRequest request) {
        Subscription created = subscriptions.create(callers.current(), request);
        return ResponseEntity.created(URI.create("/events/api/v1/subscriptions/" + created.id())).body(created);
    }

    @Operation(summary = "The caller's subscriptions")
    @GetMapping
    Map<String, Object> list() {
        List<Subscription> mine = subscriptions.mine(callers.current());
        return Map.of("count", mine.size(), "subscriptions", mine);
    }

    @Operation(summary = "One of the caller's subscriptions")
    @GetMapping("/{id}")
    Subscription get(@PathVariable long id) {
        return subscriptions.get(callers.current(), id);
    }

    @Operation(summary = "Delete one of the caller's subscriptions: nothing more is delivered to it")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        subscriptions.delete(callers.current(), id);
        return ResponseEntity.ok().build();
    }
}
