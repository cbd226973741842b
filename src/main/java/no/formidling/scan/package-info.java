/**
 * Malware scanning behind the {@link no.formidling.scan.MalwareScanner} port: {@code none} (default) and ClamAV,
 * streamed to clamd with its INSTREAM protocol.
 */
package no.formidling.scan;
