-- A resumable upload's MD5 is hashed in the memory of the node taking its chunks; the row names that running digest
-- while it has seen every byte, instead of holding a saved digest state per chunk.
alter table tus_upload drop column md5_state;
alter table tus_upload add column md5_digest uuid;
