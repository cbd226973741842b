-- Identity as Altinn's clients meet it: Maskinporten clients, Altinn's system register, system users and their
-- requests, and the assertion ids (jti) already used, so a grant is never accepted twice anywhere in the cluster.
create table identity_client (
    client_id  varchar(255) primary key,
    org_no     varchar(9)   not null,
    scopes     text[]       not null,
    jwks       text         not null,
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now()
);

create table identity_system (
    system_id     varchar(255) primary key,
    internal_id   uuid         not null unique,
    vendor_org_no varchar(9)   not null,
    name          text         not null, -- JSON object: language -> name, as Altinn takes it
    description   text         not null, -- JSON object: language -> description
    resources     text[]       not null,
    client_ids    text[]       not null,
    created_at    timestamptz  not null default now()
);

create table identity_system_user_request (
    id             uuid primary key,
    external_ref   varchar(255) not null,
    system_id      varchar(255) not null references identity_system (system_id) on delete cascade,
    party_org_no   varchar(9)   not null,
    resources      text[]       not null,
    redirect_url   varchar(2048),
    status         varchar(16)  not null,
    system_user_id uuid,
    created_at     timestamptz  not null default now(),
    decided_at     timestamptz
);
create index identity_system_user_request_party on identity_system_user_request (party_org_no, status);

create table identity_system_user (
    id           uuid primary key,
    system_id    varchar(255) not null references identity_system (system_id) on delete cascade,
    party_org_no varchar(9)   not null,
    external_ref varchar(255) not null,
    resources    text[]       not null,
    created_at   timestamptz  not null default now(),
    deleted_at   timestamptz
);
-- one live system user per system, organisation and external reference (Altinn's rule)
create unique index identity_system_user_live on identity_system_user (system_id, party_org_no, external_ref) where deleted_at is null;

create table identity_used_assertion (
    client_id  varchar(255) not null,
    jti        varchar(255) not null,
    expires_at timestamptz  not null,
    primary key (client_id, jti)
);
