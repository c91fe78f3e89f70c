-- Customer-reported issues on released releases (issue 10), recorded by support.
create table customer_issues (
  id            varchar(36)   primary key,
  release_id    varchar(36)   not null references releases (id),
  product       varchar(64)   not null,
  version       varchar(256)  not null,
  summary       varchar(500)  not null,
  severity      varchar(16)   not null,
  link          varchar(2000),
  reported_by   varchar(64)   not null,
  reported_at   timestamp with time zone not null,
  incident_id   varchar(36),
  escalated_by  varchar(64),
  escalated_at  timestamp with time zone
);
create index customer_issues_release on customer_issues (release_id);
