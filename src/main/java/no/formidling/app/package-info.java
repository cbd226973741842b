/**
 * Pages for people ({@code /app}): sign-in, send (TUS from the browser), sent, inbox. They call the Broker's use
 * cases with the signed-in organisation as caller, so the API's rules (default deny, own transfers only) apply.
 */
package no.formidling.app;
