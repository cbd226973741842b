/**
 * Who is calling: JWT validation, scopes, the dev token issuer, and the local resource registry with its
 * access lists that say which organisations may send and receive under a resource.
 */
package no.formidling.auth;
