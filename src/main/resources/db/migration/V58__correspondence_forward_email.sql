-- A forward's email goes out after the request, through a process step with retries, like notifications: its
-- delivery is recorded here. Forwards made before were sent within their request.
alter table corr_forwarding add column email_status varchar(16) not null default 'Sent'; -- Pending, Sent, Failed
alter table corr_forwarding add column attempts     int not null default 0;
alter table corr_forwarding add column failure      varchar(1024);
alter table corr_forwarding add column sent         timestamptz;
