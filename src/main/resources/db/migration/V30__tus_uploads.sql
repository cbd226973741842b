-- Resumable (TUS) uploads: offsets and blocks live here so any node can take the next chunk and a crash loses
-- nothing HEAD has reported. The bytes are blocks staged in the blob store under the transfer's blob key.
create table tus_upload (
    id               uuid        primary key,                 -- the transfer id for a whole or final upload, a new id for a partial
    file_transfer_id uuid        not null references file_transfer (id) on delete cascade,
    kind             varchar(8)  not null check (kind in ('whole', 'partial', 'final')),
    upload_length    bigint      not null check (upload_length >= 0),
    upload_offset    bigint      not null default 0 check (upload_offset between 0 and upload_length),
    md5_state        bytea,                                   -- MD5 of the first upload_offset bytes, resumable (whole uploads only)
    parts            uuid[],                                  -- a final upload: its partial uploads in order
    state            varchar(12) not null default 'open' check (state in ('open', 'complete', 'terminated')),
    created          timestamptz not null default now(),
    updated          timestamptz not null default now()
);
create index tus_upload_transfer on tus_upload (file_transfer_id);

-- One row per durably staged block, in offset order within its upload.
create table tus_block (
    upload_id    uuid        not null references tus_upload (id) on delete cascade,
    start_offset bigint      not null,
    length       bigint      not null check (length > 0),
    block_id     varchar(64) not null,
    primary key (upload_id, start_offset)
);
