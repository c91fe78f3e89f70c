-- Cheaper delivery rows (issue 10, the commands' p99 with subscriptions): a row's status is no longer
-- in any index, so recording a send rewrites the row and nothing else (it rewrote two indexes:
-- (subscription_id, status, event_seq) and (product, status)).
--
-- Each subscription's lease row keeps a frontier, sent_through: every pending row of the
-- subscription comes after it. The senders read a subscription's pending rows from there on, in
-- order, through the unique (subscription_id, event_seq) index; a batch moves the frontier past
-- what it handled. A dead delivery retried (made pending again) moves it back before itself.
alter table notify_leases add column sent_through bigint default 0 not null;
update notify_leases set sent_through = coalesce(
  (select min(d.event_seq) - 1 from notify_deliveries d
    where d.subscription_id = notify_leases.subscription_id and d.status = 'pending'),
  (select max(d.event_seq) from notify_deliveries d
    where d.subscription_id = notify_leases.subscription_id),
  0);

-- The dead deliveries, the few the product page lists on every view, are kept apart: one row per
-- dead delivery, added when it dies, removed when it is retried.
create table notify_dead_letters (
  delivery_id  bigint       primary key references notify_deliveries (id),
  product      varchar(64)  not null,
  event_seq    bigint       not null
);
create index notify_dead_letters_product on notify_dead_letters (product, event_seq);
insert into notify_dead_letters (delivery_id, product, event_seq)
  select id, product, event_seq from notify_deliveries where status = 'dead';

drop index notify_deliveries_pending_by_subscription;
drop index notify_deliveries_product;
create index notify_deliveries_product_seq on notify_deliveries (product, event_seq);
