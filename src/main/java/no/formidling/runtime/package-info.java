/**
 * How the server runs: the embedded default (one in-process PostgreSQL per locked data folder, stopped after the
 * application), the start-up lock that lets nodes start together on one database, and the demo data.
 */
package no.formidling.runtime;
