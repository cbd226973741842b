/**
 * How the server runs: the embedded default (in-process PostgreSQL under the data folder) and the demo
 * data preloaded for a first start.
 */
package no.formidling.runtime;
