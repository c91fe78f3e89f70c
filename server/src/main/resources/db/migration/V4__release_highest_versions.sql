-- The numbers (major, minor, patch) of each product's highest version in use, kept by the release
-- feature in the same transaction as the releases themselves: proposing or checking a new release's
-- version then reads one row instead of ordering the product's whole history (H2 cannot walk an
-- index backwards, so "order by ... desc limit n" read every release of the product, document and
-- all). A product without a release in use has no row.
create table release_highest_versions (
  product_key varchar(64) primary key references products (product_key),
  v_major     numeric(40) not null,
  v_minor     numeric(40) not null,
  v_patch     numeric(40) not null
);
-- Filled from the releases already stored by V5 (Java), which can read a version's numbers.

-- Verifying or rolling back a release's deployment finds its rows by release, not by reading the
-- environment's whole history.
create index deployments_release on deployments (release_id, environment);

-- The newest deployment of an environment: an index in the order the queries ask for
-- (product_key, environment, id desc), which H2 reads from the front and stops.
drop index deployments_env;
create index deployments_env on deployments (product_key, environment, id desc);
