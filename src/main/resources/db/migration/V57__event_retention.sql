-- Delivered events are removed after a retention period, in small batches; these indexes find them without a scan.
create index event_delivery_delivered on event_delivery (finished) where state = 'delivered';
create index event_delivery_event on event_delivery (event_id);
create index outbox_event_routed on outbox_event (routed) where routed is not null;
