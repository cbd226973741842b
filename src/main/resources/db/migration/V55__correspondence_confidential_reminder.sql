-- One reminder email per unread confidential correspondence (upstream's UnreadConfidentialCorrespondenceReminder);
-- the row is the claim, so a cluster's nodes never send it twice.
create table corr_confidential_reminder (
    correspondence_id uuid primary key references correspondence (id) on delete cascade,
    recipient         varchar(128) not null,
    sent_to           varchar(320),
    created           timestamptz not null
);
