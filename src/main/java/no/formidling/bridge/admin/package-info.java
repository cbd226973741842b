/**
 * The bridge admin API under {@code /api/admin/bridge}: jobs, runs with their counts, each run's audit rows,
 * manual trigger and restart. Needs a token with scope {@code altinn:broker.maintenance}.
 */
package no.formidling.bridge.admin;
