-- The dev token signing key and issuer of the whole cluster (dev tokens only; off in prod). One row, created by
-- the first node that needs it; every node signs and verifies with it, whatever its own port or data folder.
create table dev_token_key (
    id         smallint primary key check (id = 1),
    jwk        text          not null,
    issuer     varchar(2048) not null,
    created_at timestamptz   not null default now()
);
