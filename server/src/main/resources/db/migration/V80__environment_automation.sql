-- Environment automation (issue 9). Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- One configuration per product environment: a JSON document (schemaVersion 1) whose secrets are
-- sealed by SecretBox (tgs1:...), never stored in the clear.
create table environment_automation (
  product_key  varchar(64) not null references products (product_key),
  environment  varchar(64) not null,
  document     varchar     not null,
  updated_by   varchar(64) not null,
  updated_at   timestamp with time zone not null,
  primary key (product_key, environment)
);

-- One automated deployment, rollback or verification run. The callback token is stored as its
-- SHA-256 (to find it) and sealed by SecretBox (a retried webhook carries the same one). settled: the release's step was completed from the final status (or could not be).
create table automated_deployments (
  id               varchar(36)  primary key,
  release_id       varchar(36)  not null references releases (id),
  product_key      varchar(64)  not null references products (product_key),
  environment      varchar(64)  not null,
  step_key         varchar(64),
  incident_id      varchar(36),
  version          varchar(256) not null,
  previous_version varchar(256),
  kind             varchar(16)  not null,
  status           varchar(16)  not null,
  requested_by     varchar(64)  not null,
  started_at       timestamp with time zone not null,
  finished_at      timestamp with time zone,
  message          varchar,
  url              varchar,
  token_hash       varchar(64)  not null unique,
  token_sealed     varchar      not null,
  attempts         integer      not null default 0,
  settled          boolean      not null default false
);
create index automated_deployments_release on automated_deployments (release_id, started_at);
create index automated_deployments_env on automated_deployments (product_key, environment, status);

create table automated_deployment_log (
  deployment_id varchar(36) not null references automated_deployments (id),
  seq           integer     not null,
  at            timestamp with time zone not null,
  line          varchar     not null,
  primary key (deployment_id, seq)
);

create table automated_deployment_checks (
  deployment_id varchar(36) not null references automated_deployments (id),
  seq           integer     not null,
  round         integer     not null,
  kind          varchar(16) not null,
  target        varchar     not null,
  ok            boolean     not null,
  check_value   varchar,
  at            timestamp with time zone not null,
  primary key (deployment_id, seq)
);

-- db-scheduler's table (its PostgreSQL schema), where durable jobs wait as rows.
create table scheduled_tasks (
  task_name            varchar(100) not null,
  task_instance        varchar(100) not null,
  task_data            bytea,
  execution_time       timestamp with time zone not null,
  picked               boolean      not null,
  picked_by            varchar(50),
  last_success         timestamp with time zone,
  last_failure         timestamp with time zone,
  consecutive_failures integer,
  last_heartbeat       timestamp with time zone,
  version              bigint       not null,
  priority             smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- After any rollback an environment takes no new deployment of its product until a release
-- manager clears the lock with a reason (both audited).
create table environment_locks (
  product_key varchar(64) not null references products (product_key),
  environment varchar(64) not null,
  reason      varchar     not null,
  locked_by   varchar(64) not null,
  locked_at   timestamp with time zone not null,
  incident_id varchar(36),
  primary key (product_key, environment)
);
