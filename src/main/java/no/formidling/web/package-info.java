/**
 * Cross-cutting HTTP concerns: every error as {@code application/problem+json} with Altinn's error code,
 * and routes that answer with or without a trailing slash.
 */
package no.formidling.web;
