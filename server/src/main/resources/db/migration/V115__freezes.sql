-- Production freezes (issue 13): one-off or recurring (an RFC 5545 RRULE) periods in which no
-- release deploys to production. starts_at/ends_at are the first occurrence; later occurrences
-- repeat it in time_zone. A freeze naming no product (all_products) covers every product.
-- A deleted freeze keeps its row (deleted_at) so the overrides granted against it stay readable.
create table freezes (
  id            varchar(36)   primary key,
  reason        varchar(500)  not null,
  starts_at     timestamp with time zone not null,
  ends_at       timestamp with time zone not null,
  rrule         varchar(500),
  time_zone     varchar(64)   not null,
  all_products  boolean       not null,
  created_by    varchar(64)   not null,
  created_at    timestamp with time zone not null,
  deleted_at    timestamp with time zone
);

create table freeze_products (
  freeze_id    varchar(36) not null references freezes (id),
  product_key  varchar(64) not null references products (product_key),
  primary key (freeze_id, product_key)
);

create index freeze_products_by_product on freeze_products (product_key);

-- An emergency override: one release may deploy to production during one freeze, once a second
-- release manager of its product (not the requester) approved it.
create table freeze_overrides (
  id            varchar(36)   primary key,
  freeze_id     varchar(36)   not null references freezes (id),
  release_id    varchar(36)   not null references releases (id),
  product_key   varchar(64)   not null references products (product_key),
  reason        varchar(1000) not null,
  status        varchar(16)   not null,
  requested_by  varchar(64)   not null,
  requested_at  timestamp with time zone not null,
  approved_by   varchar(64),
  approved_at   timestamp with time zone
);

create index freeze_overrides_by_release on freeze_overrides (release_id);
