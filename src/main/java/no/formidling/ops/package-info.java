/**
 * Operations: the operator console ({@code /ops}: bridge jobs, runs, audit, transfers that need a look, health,
 * charts; {@code /ops/identity}: clients, systems, system users), the health endpoint and the commit counter metric.
 */
package no.formidling.ops;
