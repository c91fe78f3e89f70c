-- A product's deployment history, newest first (the deployments page and
-- GET /api/v1/products/{key}/deployments): an index in that order, which H2 reads from the front and
-- stops after the page instead of ordering the product's whole history.
create index deployments_product on deployments (product_key, id desc);
