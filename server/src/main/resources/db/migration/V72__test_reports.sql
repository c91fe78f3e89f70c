-- JUnit XML test reports attached to a release's requirement or step (issue 11, quality metrics):
-- the summary and the failing tests (a JSON list), kept for trends per product.
create table test_reports (
  id               varchar(36)   primary key,
  release_id       varchar(36)   not null references releases (id),
  product_key      varchar(64)   not null,
  name             varchar(300)  not null,
  tests            integer       not null,
  failures         integer       not null,
  errors           integer       not null,
  skipped          integer       not null,
  duration_seconds double precision not null,
  failing          varchar(200000) not null,
  attached_kind    varchar(16)   not null,
  attached_key     varchar(64)   not null,
  attached_by      varchar(64)   not null,
  attached_at      timestamp with time zone not null
);
create index test_reports_release on test_reports (release_id, attached_at);
create index test_reports_product on test_reports (product_key, attached_at);
