-- Upstream's per-link attachment expiry: an attachment linked to a correspondence expires for it at the
-- correspondence's publish time plus the attachment's expirationInDays; it expires for good once every link
-- of a not purged correspondence has.
alter table correspondence_attachment add column expiration_time timestamptz;
