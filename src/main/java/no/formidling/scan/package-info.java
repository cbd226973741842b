/**
 * Malware scanning behind the {@link no.formidling.scan.MalwareScanner} port: {@code none} (default) and,
 * later, ClamAV over clamd's INSTREAM protocol.
 */
package no.formidling.scan;
