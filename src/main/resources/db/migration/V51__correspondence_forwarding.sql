-- A recipient forwarded a correspondence by email; once per address.
create table corr_forwarding (
    id                uuid primary key,
    correspondence_id uuid not null references correspondence (id) on delete cascade,
    forwarded_to      varchar(1000) not null,
    forwarding_text   varchar(200),
    forwarded_at      timestamptz not null,
    unique (correspondence_id, forwarded_to)
);
