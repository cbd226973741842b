/**
 * The Altinn 3 Correspondence API: messages from service owners to organisations and persons, their
 * attachments, status history and notifications; the lifecycle is driven by bpmn/correspondence.bpmn.
 */
package no.formidling.correspondence;
