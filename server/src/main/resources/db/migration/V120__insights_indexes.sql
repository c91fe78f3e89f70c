-- Delivery insights (issue 13) read one period of one or more products: the audit events of a
-- product in a time range (decisions, cancellations, resolved incidents, the steps, requirements
-- and handoffs done), and a product's deployments in a time range. Both were indexed by id or
-- sequence only; these let a period be read without scanning a product's whole history.
create index audit_events_product_at on audit_events (product, at);
create index deployments_product_at on deployments (product_key, deployed_at);
