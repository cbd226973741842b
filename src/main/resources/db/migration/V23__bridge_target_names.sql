-- Two transfers in flight in the same inbound job never get the same target name (a file would overwrite the
-- other, or both would share one temporary file). Names of files already delivered are checked on the target.
-- Rows that already share a name (written before this rule) keep the first; the others choose a name again on
-- restart (WRITING: downloaded again under a free name; WRITTEN: only confirmed).
update bridge_file b set target_name = null
where b.state in ('WRITING', 'WRITTEN') and exists (
    select 1 from bridge_file o
    where o.job_name = b.job_name and o.target_name = b.target_name and o.state in ('WRITING', 'WRITTEN') and o.file_key < b.file_key);

create unique index bridge_file_target_in_flight on bridge_file (job_name, target_name)
    where target_name is not null and state in ('WRITING', 'WRITTEN');
