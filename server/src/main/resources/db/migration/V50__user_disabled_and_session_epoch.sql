-- A user can be disabled (their tokens and sessions stop at once), and every web session carries
-- the epoch it was signed in at: raising it (a password change or reset, disabling) ends sessions.
alter table users add column disabled_at timestamp with time zone;
alter table users add column session_epoch integer not null default 0;
