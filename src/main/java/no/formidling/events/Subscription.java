package no.formidling.events;

import java.time.OffsetDateTime;

/** A subscription as Altinn Events shows it (camelCase JSON). Filters not supported here are always null/false. */
public record Subscription(long id, String endPoint, String sourceFilter, String resourceFilter, String subjectFilter,
                           String alternativeSubjectFilter, String typeFilter, String consumer, String createdBy,
                           OffsetDateTime created, boolean validated, boolean includeSubunits) {
}
