-- Issue 13, insights at scale. A period of several products (a release manager's fifty) is read as
-- one range of time with the products as a filter on its rows (InsightsStore.products): H2 cannot
-- combine an "in" list on the first column of the (product, at) index of V120 with a range on its
-- second, and read every row of the products, the whole history (EXPLAIN: 127,221 rows scanned of
-- 127,229 for a week of 5,000 releases). One product keeps the (product, at) range.
create index audit_events_at on audit_events (at);
create index deployments_deployed_at on deployments (deployed_at);
