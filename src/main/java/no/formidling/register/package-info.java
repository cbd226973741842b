/**
 * The party and contact register: names, notification addresses and the KRR-style reservation of
 * organisations and persons, shared by Correspondence and its notifications.
 */
package no.formidling.register;
