-- The release calendar (issue 13). Each release's deployment window as columns, so that a month
-- of the calendar is one index range scan instead of reading every release document:
--   window_start, window_end: the window as the calendar places it (a window given with only a start
--     or only an end is that one instant); both null when the release has no window.
--   window_long: the window is longer than a week (ReleaseWindows.LONG). A calendar range [from, to)
--     reads the windows that start in [from - 1 week, to) by the index on window_start, plus the
--     few long ones by (window_long, window_start): every window that overlaps the range is in one
--     of the two, and no scan starts at the beginning of history.
-- Kept by the release feature in the same statement as the document; rows stored before this
-- migration are filled by V111 (Java), which reads their documents.
alter table releases add column window_start timestamp with time zone;
alter table releases add column window_end timestamp with time zone;
alter table releases add column window_long boolean default false not null;
create index releases_window on releases (window_start);
create index releases_product_window on releases (product_key, window_start);
create index releases_window_long on releases (window_long, window_start);

-- A person's calendar feed token (GET /api/v1/calendar.ics?token=): at most one per person, stored
-- only as its SHA-256 (shared.SecretTokens); issuing a new one replaces it, revoking deletes it.
create table calendar_tokens (
  username   varchar(64) primary key references users (username),
  token_hash varchar(64) not null unique,
  created_at timestamp with time zone not null
);
