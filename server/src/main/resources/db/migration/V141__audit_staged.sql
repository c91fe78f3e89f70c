-- Issue 14, the audit chain at scale: a command no longer waits for the chain's head. It stages its
-- events here in its own transaction (no lock shared with other commands); one appender across
-- all nodes (audit.internal.AuditAppender) takes the head's row lock, chains the committed staged
-- rows into audit_events in id order and deletes them, in one transaction.
--
-- id comes from audit_staged_ids before the insert, one per transaction, and pos is the event's
-- place among the transaction's events: the appender chains in (id, pos) order, so a command's
-- events stay together. The row's MAC covers both: a row whose content or place was altered while
-- staged (or one written without the audit key) is not chained.
-- mac: HMAC-SHA256 with the audit key over the row's staging form (audit.internal.ChainForm.staged).
create sequence audit_staged_ids;

create table audit_staged (
  id              bigint       not null,
  pos             integer      not null,
  at              timestamp with time zone not null,
  actor           varchar(64)  not null,
  actor_kind      varchar(16)  not null,
  action          varchar(64)  not null,
  subject         varchar(200) not null,
  release_id      varchar(36),
  product         varchar(64),
  payload_version integer      not null,
  details         varchar      not null,
  mac             varchar(64)  not null,
  primary key (id, pos)
);
-- read-your-writes of a release's history waits for the release's staged rows
create index audit_staged_release on audit_staged (release_id, id);
