-- One event vocabulary: every audit row says which product it belongs to, what kind of actor
-- acted (person, system, integration) and the version of its payload's shape. The "action"
-- column holds the event's type (past tense for rows written from now on).
--
-- "form" is the canonical form the row's hash was computed over: 1 is the form of the rows
-- written before this migration (action, actor, at, details, release, seq, subject); 2 adds
-- actor_kind, product, payload_version and the form itself. Old rows keep form 1 and keep
-- verifying. "mac" is an HMAC-SHA256 of the row's hash with a key held outside the database
-- (form 2 only), so a row rewritten with recomputed plain SHA-256 hashes no longer verifies.
alter table audit_events add column actor_kind varchar(16) default 'person' not null;
alter table audit_events add column product varchar(64);
alter table audit_events add column payload_version integer default 1 not null;
alter table audit_events add column form smallint default 1 not null;
alter table audit_events add column mac varchar(64);

-- The product of the rows written before: not part of their (form 1) hash, so filling it in
-- changes nothing that is verified.
update audit_events set product = (select r.product_key from releases r where r.id = audit_events.release_id)
 where release_id is not null;
update audit_events set product = substring(subject, 9)
 where product is null and subject like 'product/%';

-- Durable positions of the consumers that read the log by sequence number (an outbox, a webhook
-- sender, an auditor's export): a consumer's row is locked while it reads a batch and moved in
-- the same transaction as the work the batch caused.
create table audit_cursors (
  consumer   varchar(100) primary key,
  seq        bigint       not null,
  updated_at timestamp with time zone not null
);
