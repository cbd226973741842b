-- The abandoned-upload sweeper's query: only transfers still waiting for their upload are in this index, so it
-- stays small however many transfers the table holds.
create index file_transfer_awaiting_upload on file_transfer (created) where status in ('Initialized', 'UploadStarted');
