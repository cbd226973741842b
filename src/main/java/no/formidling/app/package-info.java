/**
 * Pages for people ({@code /app}): sign-in (organisation, person or operator), send (TUS from the browser), sent,
 * inbox, Correspondence messages, and system users (answer a vendor's request, keep Maskinporten clients). They call
 * the features' use cases with the signed-in party as caller, so the API's rules (default deny, own only) apply.
 */
package no.formidling.app;
