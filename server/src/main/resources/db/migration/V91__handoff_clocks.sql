-- The SLA clock of each handed handoff (issue 10): written by the notification outbox from the
-- audit log (handoff.handed starts it, handoff.acknowledged stops it); an unacknowledged handoff
-- past due_at is escalated once (escalated_at, set by one conditional update across nodes); at
-- remind_at (three quarters of the SLA) the receivers are reminded once (reminded_at).
create table notify_handoff_clocks (
  release_id       varchar(36)  not null,
  handoff          varchar(64)  not null,
  product          varchar(64)  not null,
  version          varchar(256),
  from_role        varchar(64),
  to_role          varchar(64),
  handed_at        timestamp with time zone not null,
  remind_at        timestamp with time zone not null,
  due_at           timestamp with time zone not null,
  acknowledged_at  timestamp with time zone,
  acknowledged_by  varchar(64),
  reminded_at      timestamp with time zone,
  escalated_at     timestamp with time zone,
  primary key (release_id, handoff)
);
create index notify_handoff_clocks_due on notify_handoff_clocks (due_at);
