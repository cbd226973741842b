-- Upstream reads a resource's minimum authentication level from its policy (urn:altinn:minimum-authenticationlevel);
-- a correspondence may allow forwarding only under a resource whose level is 0 (1068).
alter table registry_resource add column minimum_authentication_level integer not null default 0;
