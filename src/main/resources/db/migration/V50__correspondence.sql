-- Party and contact register (stands in for Altinn Register, KRR and notification addresses).
create table register_party (
    party         varchar(64) primary key,   -- 0192:<orgNo> or an 11-digit national identity number
    name          varchar(255),
    email         varchar(255),
    mobile_number varchar(32),
    reserved      boolean not null default false,
    updated       timestamptz not null
);

-- One row per (correspondence, recipient): N recipients in a request give N rows.
create table correspondence (
    id                        uuid primary key,
    resource_id               varchar(255) not null,
    sender                    varchar(64) not null,      -- 0192:<orgNo> of the service owner
    recipient                 varchar(128) not null,     -- urn:altinn:organization:identifier-no:<orgNo> or urn:altinn:person:identifier-no:<pid>
    senders_reference         varchar(4096) not null,
    message_sender            varchar(255),
    language                  varchar(8) not null,
    message_title             varchar(255) not null,
    message_summary           varchar(255),
    message_body              text not null,
    requested_publish_time    timestamptz not null,
    due_date_time             timestamptz,
    allow_system_delete_after timestamptz,
    ignore_reservation        boolean not null default false,
    is_confirmation_needed    boolean not null default false,
    is_confidential           boolean not null default false,
    allow_forwarding          boolean not null default false,
    property_list             jsonb,
    external_references       jsonb,
    reply_options             jsonb,
    notification              jsonb,
    idempotent_key            uuid unique,
    status                    varchar(32) not null,
    status_text               varchar(1024),
    status_changed            timestamptz not null,
    created                   timestamptz not null,
    published                 timestamptz
);
create index correspondence_recipient on correspondence (recipient, created);
create index correspondence_sender on correspondence (sender, created);
create index correspondence_resource on correspondence (resource_id);

-- Status history; unique per status so a repeated step writes nothing twice.
create table correspondence_status (
    correspondence_id uuid not null references correspondence (id) on delete cascade,
    status            varchar(32) not null,
    status_text       varchar(1024),
    status_changed    timestamptz not null,
    primary key (correspondence_id, status)
);

-- Attachments (shared or inline) and their status history.
create table corr_attachment (
    id                uuid primary key,
    resource_id       varchar(255) not null,
    sender            varchar(64) not null,
    senders_reference varchar(4096) not null,
    file_name         varchar(255) not null,
    display_name      varchar(255),
    is_encrypted      boolean not null default false,
    checksum          varchar(64),
    expiration_time   timestamptz,
    size              bigint,
    status            varchar(32) not null,
    status_text       varchar(1024),
    status_changed    timestamptz not null,
    created           timestamptz not null
);
create table corr_attachment_status (
    attachment_id  uuid not null references corr_attachment (id) on delete cascade,
    status         varchar(32) not null,
    status_text    varchar(1024),
    status_changed timestamptz not null,
    primary key (attachment_id, status)
);
create table correspondence_attachment (
    correspondence_id uuid not null references correspondence (id) on delete cascade,
    attachment_id     uuid not null references corr_attachment (id),
    position          int not null,
    primary key (correspondence_id, attachment_id)
);
create index correspondence_attachment_by_attachment on correspondence_attachment (attachment_id);

-- Notifications sent (or to be sent) for a correspondence: one row per channel and address.
create table corr_notification (
    id                  uuid primary key,
    correspondence_id   uuid not null references correspondence (id) on delete cascade,
    is_reminder         boolean not null,
    channel             varchar(8) not null,        -- Email or Sms
    address             varchar(255),
    subject             varchar(512),
    body                text,
    status              varchar(16) not null,       -- Pending, Sent, Failed, Cancelled, NoAddress
    attempts            int not null default 0,
    failure             varchar(1024),
    requested_send_time timestamptz not null,
    sent                timestamptz,
    unique (correspondence_id, is_reminder, channel, address)
);
