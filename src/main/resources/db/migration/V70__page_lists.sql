-- The pages' lists (Sent, Inbox, Messages, the operator's transfers) show one page at a time, newest first, and seek
-- to the next page on (time, id) in an index instead of counting past the rows before it; bench/pages.sh times
-- them with 10,000 and 1,000,000 rows for one organisation.
create index file_transfer_sender_page on file_transfer (sender, created, id);
drop index file_transfer_sender_created;
create index file_transfer_page on file_transfer (created, id);
-- Counts per status stop at 10,000 (CappedCounts); these let a rare status be counted without reading the table.
create index file_transfer_status_resource on file_transfer (status, resource_id);
create index correspondence_recipient_page on correspondence (recipient, requested_publish_time, id);
create index correspondence_recipient_status on correspondence (recipient, status, resource_id);

-- A search finds its words anywhere in a name, which only a trigram index serves. pg_trgm is a trusted extension
-- (PostgreSQL 13 and later): the database's owner may create it, no superuser needed. Where it cannot be created the
-- search still works, reading rows instead of the index.
do $$
begin
    create extension if not exists pg_trgm;
exception when others then
    raise notice 'pg_trgm is not available (%); the pages'' search reads rows instead of a trigram index', sqlerrm;
end $$;

do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        execute 'create index file_transfer_file_name_trgm on file_transfer using gin (file_name gin_trgm_ops)';
        execute 'create index file_transfer_reference_trgm on file_transfer using gin (senders_reference gin_trgm_ops)';
        execute 'create index correspondence_title_trgm on correspondence using gin (message_title gin_trgm_ops)';
        execute 'create index correspondence_reference_trgm on correspondence using gin (senders_reference gin_trgm_ops)';
        execute 'create index correspondence_message_sender_trgm on correspondence using gin (message_sender gin_trgm_ops)';
    end if;
end $$;
