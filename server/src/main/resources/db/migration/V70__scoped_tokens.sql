-- Tokens with a scope (issue 11): an optional expiry, when the token was last used (written at most
-- once a minute), and the scope as a versioned JSON document (null: the token acts fully as its user).
alter table api_tokens add column expires_at timestamp with time zone;
alter table api_tokens add column last_used_at timestamp with time zone;
alter table api_tokens add column scope varchar(20000);
