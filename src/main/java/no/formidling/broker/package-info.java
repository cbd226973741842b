/**
 * The Altinn 3 Broker API: file transfers, service owners and resource configuration; the use cases with
 * upstream's checks and error codes, and the one place where a transfer's status changes.
 */
package no.formidling.broker;
