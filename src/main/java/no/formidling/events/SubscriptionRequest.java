package no.formidling.events;

/** The body of {@code POST /events/api/v1/subscriptions}, as Altinn Events' SubscriptionRequestModel. */
record SubscriptionRequest(String endPoint, String sourceFilter, String resourceFilter, String subjectFilter,
                           String alternativeSubjectFilter, String typeFilter, Boolean includeSubunits) {
}
