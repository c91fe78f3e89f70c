-- Issue 13: the board pages through the releases under way instead of reading every one of them.
-- What it filters and sorts on is kept beside each release's document on every save (see
-- io.tollgate.release.Overview): whether it is under way, the roles it waits on (",a,b,"), the
-- environments a deploy step of it is running in, and whether a step of it failed. (The window's
-- columns come with the calendar, V110; the board's "at risk" reads window_start.)
alter table releases add column is_active boolean;
alter table releases add column waiting_roles varchar(1024);
alter table releases add column deploying varchar(1024);
alter table releases add column failed_step boolean default false not null;
update releases set is_active = status not in ('closed', 'rolled-back', 'cancelled');
alter table releases alter column is_active set not null;
-- Unknown until the server recomputes them from the documents at its next start
-- (ReleaseOverviewBackfill): '?' counts as waiting on every role meanwhile.
update releases set waiting_roles = '?' where is_active;
create index releases_active_created on releases (is_active, created_at);
create index releases_status_created on releases (status, created_at);
create index releases_deploying on releases (deploying);
create index releases_failed_step on releases (failed_step, created_at);
