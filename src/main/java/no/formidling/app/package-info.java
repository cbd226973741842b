/**
 * Pages for people ({@code /app}): sign-in (organisation, person or operator), send (TUS from the browser), sent,
 * inbox, and Correspondence messages. They call the Broker's and Correspondence's use cases with the signed-in party as
 * caller, so the API's rules (default deny, own transfers and messages only) apply.
 */
package no.formidling.app;
