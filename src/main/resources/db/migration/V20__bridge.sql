-- Append-only audit log: one row per file and step. Updates and deletes are refused by a trigger.
create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz  not null default now(),
    job_name    varchar(255) not null,
    run_id      bigint,
    file_name   varchar(1024),
    file_size   bigint,
    sha256      varchar(64),
    transfer_id uuid,
    step        varchar(32)  not null,
    outcome     varchar(16)  not null,
    error       text,
    duration_ms bigint
);
create index audit_event_run on audit_event (run_id, id);
create index audit_event_job on audit_event (job_name, id);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only();

-- Every file a bridge job has picked up (outbound: by source file identity; inbound: by transfer id).
-- The unique key is the persistent accept-once filter shared by all nodes; transfer_id makes restarts resume
-- the same transfer instead of sending again.
create table bridge_file (
    job_name     varchar(255)  not null,
    file_key     varchar(1024) not null,
    file_name    varchar(1024) not null,
    file_size    bigint,
    state        varchar(16)   not null,
    transfer_id  uuid,
    attempt      int           not null default 0,
    target_name  varchar(1024),
    run_id       bigint,
    error        text,
    created      timestamptz   not null default now(),
    updated      timestamptz   not null default now(),
    primary key (job_name, file_key)
);
create index bridge_file_state on bridge_file (job_name, state);
