/**
 * Cross-cutting HTTP concerns: every error as {@code application/problem+json} with Altinn's error code, whichever
 * layer answers (controllers, the error path, Tomcat's error report), request binding as ASP.NET does it, routes
 * that answer with or without a trailing slash, and the OpenAPI document behind Swagger UI.
 */
package no.formidling.web;
