/**
 * Events about state changes: the transactional outbox (written with the change it announces, in the
 * same commit) and, later, subscriptions and CloudEvents webhook delivery.
 */
package no.formidling.events;
