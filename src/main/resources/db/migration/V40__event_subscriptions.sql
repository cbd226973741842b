-- Event subscriptions (Altinn Events style) and at-least-once delivery of the outbox to them.

-- An outbox row is "routed" once a delivery row exists for every subscription it matches; seq keeps the
-- order the rows were written in, which the per-transfer delivery order follows.
alter table outbox_event rename column delivered to routed;
alter table outbox_event add column seq bigserial;
drop index outbox_event_undelivered;
create index outbox_event_unrouted on outbox_event (seq) where routed is null;

create table event_subscription (
    id               bigserial primary key,       -- Altinn Events numbers its subscriptions
    end_point        varchar(2048) not null,
    resource_filter  varchar(512)  not null,      -- urn:altinn:resource:<id>
    subject_filter   varchar(255),                -- urn:altinn:organization:identifier-no:<orgNo>
    type_filter      varchar(255),
    consumer         varchar(255)  not null,      -- /org/<code> or /organisation/<orgNo>, as Altinn Events
    created_by       varchar(255)  not null,
    subscriber       varchar(255)  not null,      -- the subscriber as an event subject (urn:altinn:organization:identifier-no:<orgNo>): only events for it are delivered
    created          timestamptz   not null,
    validated        boolean       not null default false
);
create index event_subscription_resource on event_subscription (resource_filter);
create index event_subscription_created_by on event_subscription (created_by);

-- One row per (event, subscription); the validation event of a subscription has no outbox row.
create table event_delivery (
    id              bigserial primary key,
    subscription_id bigint       not null references event_subscription (id) on delete cascade,
    event_id        uuid         references outbox_event (id),
    event_seq       bigint       not null,        -- 0 for the validation event: it goes first
    ordering_key    varchar(255) not null,        -- resource instance: deliveries of one transfer go in order
    state           varchar(16)  not null,        -- pending, delivered, dead
    attempts        integer      not null default 0,
    next_attempt    timestamptz  not null,
    last_error      varchar(1024),
    created         timestamptz  not null,
    finished        timestamptz,
    unique (subscription_id, event_id)
);
create index event_delivery_due on event_delivery (next_attempt, event_seq) where state = 'pending';
create index event_delivery_order on event_delivery (subscription_id, ordering_key, event_seq) where state = 'pending';
create index event_delivery_dead on event_delivery (finished) where state = 'dead';
