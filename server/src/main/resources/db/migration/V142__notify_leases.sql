-- Notification senders hold a subscription, not its rows (issue 10, delivery lag): one lease row per
-- subscription, taken with one conditional update, replaces the claim that locked and rewrote every
-- row of a batch; notify_deliveries' own claimed_by and claimed_until go. A subscription is sent by
-- one sender at a time, on any node, exactly as before.
create table notify_leases (
  subscription_id  varchar(36)  primary key references notify_subscriptions (id),
  claimed_by       varchar(64),
  claimed_until    timestamp with time zone
);
insert into notify_leases (subscription_id) select id from notify_subscriptions;

-- The senders now find the subscriptions with due rows from the subscriptions (one index probe of
-- notify_deliveries_pending_by_subscription each) instead of a distinct over every due row, whose
-- cost grew with the backlog; this index, rewritten on every insert and status change, goes.
drop index notify_deliveries_due;

alter table notify_deliveries drop column claimed_by;
alter table notify_deliveries drop column claimed_until;
