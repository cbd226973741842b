-- Notifications grouped as upstream's notification orders: one order per party notified (the correspondence's own
-- recipient, each custom recipient), shared by the first notification and its reminder. Upstream raises its
-- notification events per order, so we must know which deliveries belong together and whether an order was resolved.
create table corr_notification_order (
    id                uuid primary key,
    correspondence_id uuid not null references correspondence (id) on delete cascade,
    main              boolean not null,  -- the correspondence's own recipient (upstream's "main order")
    created           boolean not null   -- false: the party has no address at all (upstream: creation failed)
);
create index corr_notification_order_correspondence on corr_notification_order (correspondence_id);

alter table corr_notification add column order_id uuid references corr_notification_order (id) on delete cascade;
-- true once the order's outcome (delivered / failed / all failed) has been announced for this row's round
alter table corr_notification add column resolved boolean not null default false;
create index corr_notification_order_round on corr_notification (order_id, is_reminder);
