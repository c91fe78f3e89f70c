-- A stored document can never overflow its column into a 409 "conflicts with existing data": the
-- size of a release or incident is bounded by the application (Limits.DOCUMENT_CHARS, a clear 422)
-- instead, and a version's numbers hold every version the 256-character limit lets through.
alter table releases alter column document set data type varchar;
alter table incidents alter column document set data type varchar;
alter table audit_events alter column details set data type varchar;
alter table releases alter column v_major set data type numeric(300);
alter table releases alter column v_minor set data type numeric(300);
alter table releases alter column v_patch set data type numeric(300);
alter table release_highest_versions alter column v_major set data type numeric(300);
alter table release_highest_versions alter column v_minor set data type numeric(300);
alter table release_highest_versions alter column v_patch set data type numeric(300);
-- token names take the same 200 characters as every other name
alter table api_tokens alter column name set data type varchar(200);
