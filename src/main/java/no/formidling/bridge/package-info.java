/**
 * Legacy bridges: Spring Batch jobs declared in {@code jobs/*.yml} that move files between folders or SFTP servers
 * and the Broker API on a schedule. Talks to the Broker only over HTTP. The consoles reach jobs and runs through
 * {@link no.formidling.bridge.BridgeRuns}.
 */
package no.formidling.bridge;
