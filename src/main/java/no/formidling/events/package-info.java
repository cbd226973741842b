/**
 * Events about state changes: the transactional outbox (written with the change it announces, in the same commit),
 * Altinn Events-style subscriptions, and at-least-once CloudEvents webhook delivery with retries and dead letters.
 */
package no.formidling.events;
