-- Issue 13, insights at scale: a period of every product of a person is a range of the audit log's
-- time, whatever the products. The (product, at) index of V120 serves one product; with the fifty
-- products of a release manager the period is fifty ranges, and a planner may prefer walking the
-- log in sequence order. This index reads the period as one range.
create index audit_events_at on audit_events (at);
