/**
 * The folder side of a bridge: a local folder or a directory on an SFTP server, listed, streamed from and
 * written to atomically (temporary name, then rename).
 */
package no.formidling.bridge.endpoint;
