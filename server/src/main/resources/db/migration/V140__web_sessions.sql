-- Web sessions in the database (issue 14): Spring Session JDBC keeps every signed-in person's
-- session here, so any node serves any of them (spring.session.jdbc.initialize-schema=never: the
-- tables are made here, by Flyway, on every database alike).
--
-- The tables of spring-session-jdbc's schema-postgresql.sql (4.1). Its schema-h2.sql differs only
-- in the attributes' column, LONGVARBINARY where PostgreSQL has BYTEA; H2 in MODE=PostgreSQL reads
-- BYTEA as a binary string too (VARBINARY, up to 1 GB), which Spring Session writes and reads
-- alike (setBytes/getBytes), so this one script runs unchanged on both, as every migration here.
-- One change from the shipped scripts: principal_name is 200 characters, not 100. Spring Session
-- stores there the name of the session's authentication, which for Tollgate's Actor is its
-- record text (Actor[username=..., admin=..., kind=...]): with a 64-character username that passes
-- 100, and PostgreSQL would refuse the session's save.
create table spring_session (
  primary_id            char(36)     not null,
  session_id            char(36)     not null,
  creation_time         bigint       not null,
  last_access_time      bigint       not null,
  max_inactive_interval int          not null,
  expiry_time           bigint       not null,
  principal_name        varchar(200),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
  session_primary_id char(36)     not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea        not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id)
    references spring_session (primary_id) on delete cascade
);
