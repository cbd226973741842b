-- The service owner's Sent messages page: a sender's messages newest first, one page at a time (keyset), and its
-- counts by status.
create index correspondence_sender_page on correspondence (sender, requested_publish_time, id);
create index correspondence_sender_status on correspondence (sender, status, resource_id);
