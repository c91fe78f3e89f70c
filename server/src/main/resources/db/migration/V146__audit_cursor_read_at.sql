-- When a durable consumer's cursor last moved, by the database's clock: the one clock every node
-- shares (updated_at is the moving node's own). A consumer polled by every node at an interval
-- reads at most once an interval across them all (AuditStream.poll with a gap).
alter table audit_cursors add column read_at timestamp with time zone;
