-- Upstream marks a resource confidential by the access package post-til-virksomheten-med-taushetsbelagt-innhold;
-- our registry keeps the same fact as a flag set through the resource endpoint.
alter table registry_resource add column confidential boolean not null default false;
