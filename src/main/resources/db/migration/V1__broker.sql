-- Local resource registry (stands in for Altinn Resource Registry + access lists)
create table registry_resource (
    resource_id          varchar(255) primary key,
    title                varchar(1024),
    service_owner_org_no varchar(9) not null,
    created              timestamptz not null default now()
);
create table registry_access (
    resource_id varchar(255) not null references registry_resource (resource_id) on delete cascade,
    party       varchar(64)  not null,          -- 0192:<orgNo>
    can_write   boolean      not null,
    can_read    boolean      not null,
    primary key (resource_id, party)
);

-- Broker service owners and per-resource broker configuration
create table service_owner (
    org_no  varchar(9) primary key,
    name    varchar(255) not null,
    created timestamptz not null default now()
);
create table broker_resource (
    resource_id                          varchar(255) primary key,
    service_owner_org_no                 varchar(9) not null references service_owner (org_no),
    max_file_transfer_size               bigint,
    file_transfer_time_to_live           varchar(64) not null default 'P30D',
    purge_after_all_confirmed            boolean not null default true,
    purge_grace_period                   varchar(64) not null default 'PT2H',
    use_manifest_file_shim               boolean not null default false,
    external_service_code_legacy         varchar(255),
    external_service_edition_code_legacy integer,
    required_party                       varchar(64),
    approved_for_disabled_virus_scan     boolean not null default false,
    created                              timestamptz not null default now()
);

-- File transfers: the source of truth for API-visible state
create table file_transfer (
    id                   uuid primary key,
    resource_id          varchar(255) not null,
    file_name            varchar(255) not null,
    senders_reference    varchar(4096),
    sender               varchar(64)  not null,
    sender_as_sent       varchar(64)  not null,
    checksum             varchar(32),
    use_virus_scan       boolean      not null,
    file_size            bigint,
    property_list        jsonb        not null default '{}',
    status               varchar(32)  not null,
    status_description   varchar(1024),
    status_changed       timestamptz  not null,
    created              timestamptz  not null,
    expiration_time      timestamptz  not null,
    published            timestamptz,
    idempotency_key      varchar(255),
    unique (sender, idempotency_key)
);
create index file_transfer_resource_created on file_transfer (resource_id, created);
create index file_transfer_sender_created on file_transfer (sender, created);

create table file_transfer_recipient (
    file_transfer_id uuid        not null references file_transfer (id) on delete cascade,
    recipient        varchar(64) not null,
    status           varchar(32) not null,
    status_changed   timestamptz not null,
    primary key (file_transfer_id, recipient)
);
create index file_transfer_recipient_party on file_transfer_recipient (recipient, file_transfer_id);

create table file_transfer_status_history (
    id               bigserial primary key,
    file_transfer_id uuid        not null references file_transfer (id) on delete cascade,
    status           varchar(32) not null,
    description      varchar(1024),
    changed          timestamptz not null,
    unique (file_transfer_id, status)
);
create table recipient_status_history (
    id               bigserial primary key,
    file_transfer_id uuid        not null references file_transfer (id) on delete cascade,
    recipient        varchar(64) not null,
    status           varchar(32) not null,
    changed          timestamptz not null,
    unique (file_transfer_id, recipient, status)
);

-- Transactional outbox: written in the same transaction as the change it announces
create table outbox_event (
    id                uuid primary key,
    type              varchar(255) not null,
    source            varchar(1024) not null,
    resource          varchar(512) not null,
    resource_instance varchar(255) not null,
    subject           varchar(255) not null,
    data              jsonb,
    time              timestamptz not null,
    delivered         timestamptz
);
create index outbox_event_undelivered on outbox_event (time) where delivered is null;
create index outbox_event_instance on outbox_event (resource_instance);
