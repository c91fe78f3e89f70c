-- One-time links with which a person sets their own password for the web UI. Like API tokens,
-- only the SHA-256 hash of the link's token is stored; a link works once, for 24 hours.
create table password_links (
  id          varchar(36) primary key,
  username    varchar(64) not null references users (username),
  token_hash  varchar(64) not null unique,
  created_at  timestamp with time zone not null,
  expires_at  timestamp with time zone not null,
  used_at     timestamp with time zone
);
create index password_links_user on password_links (username);
