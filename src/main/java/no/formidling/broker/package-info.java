/**
 * The Altinn 3 Broker API: file transfers, service owners and resource configuration; one class per use case,
 * named as upstream's handlers, with upstream's checks and error codes, and the one place where a transfer's status changes.
 */
package no.formidling.broker;
