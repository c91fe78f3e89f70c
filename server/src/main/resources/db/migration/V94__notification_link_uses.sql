-- Signed links in "your turn" messages are single-use per person (issue 10): who used which
-- link (by the SHA-256 of its token), and when.
create table notify_link_uses (
  token_hash  varchar(64)  not null,
  username    varchar(64)  not null,
  used_at     timestamp with time zone not null,
  primary key (token_hash, username)
);
