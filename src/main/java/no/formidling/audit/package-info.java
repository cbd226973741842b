/**
 * The append-only audit log: one row per file and step (who, what, size, SHA-256, transfer id, outcome, error,
 * duration). Rows are never changed; the database refuses updates and deletes.
 */
package no.formidling.audit;
