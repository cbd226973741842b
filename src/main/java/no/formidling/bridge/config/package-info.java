/**
 * Job files: the YAML model of a bridge job, its loading with {@code ${ENV}} references, and validation that names
 * the file, the key and the problem.
 */
package no.formidling.bridge.config;
