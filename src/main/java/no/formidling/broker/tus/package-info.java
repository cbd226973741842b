/**
 * TUS 1.0 resumable uploads into a Broker file transfer (creation, termination, concatenation): offsets and
 * blocks in PostgreSQL, bytes as staged blocks in the blob store, completion through the single-upload path.
 */
package no.formidling.broker.tus;
