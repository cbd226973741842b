/**
 * Bridge runs: Spring Batch jobs built from job files, the per-file outbound and inbound steps, the record of
 * picked-up files, the cluster-wide lock and the cron scheduler.
 */
package no.formidling.bridge.run;
