-- The numbers of each release's version, so the versions that matter for the next one (the
-- highest, the highest in a line, the same core) are found by an index instead of reading them
-- all. Rows from before this migration keep nulls and are always considered.
alter table releases add column v_major numeric(40);
alter table releases add column v_minor numeric(40);
alter table releases add column v_patch numeric(40);
create index releases_product_version on releases (product_key, v_major, v_minor, v_patch);
