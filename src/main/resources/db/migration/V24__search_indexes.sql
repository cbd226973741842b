-- Searches that must not slow down as the tables grow (bench/broker-scaling.sh prints their plans at 10k and 1M
-- transfers). Without these, a sender's search by status read every row of the sender, and a recipient's search
-- by recipient status walked every transfer of the resource.
create index file_transfer_sender_status on file_transfer (sender, resource_id, status, status_changed);
create index file_transfer_recipient_party_status on file_transfer_recipient (recipient, status, file_transfer_id);
