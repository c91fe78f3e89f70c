-- The sender's "oldest pending row of its subscription" check (DeliveryStore.due) looked through
-- the subscription's whole history (every delivered and dead row before it) through the unique
-- (subscription_id, event_seq) index: a cost that grew with every delivery, paid for each one. The
-- check now reads only the subscription's pending rows. The bench found it: the notification worker
-- took a third of the server's CPU after a few thousand releases.
create index notify_deliveries_pending_by_subscription
  on notify_deliveries (subscription_id, status, event_seq);
