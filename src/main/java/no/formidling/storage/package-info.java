/**
 * Where file bytes live: the {@link no.formidling.storage.BlobStore} port, streamed both ways with the MD5
 * computed on the fly; a filesystem store (default) and Azure Blob.
 */
package no.formidling.storage;
