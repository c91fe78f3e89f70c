-- Support's customer list of a product (issue 10): the addresses customer-facing communication
-- goes to (support's version of the notes on announce, the playbook's status message). Its size
-- is bounded by the application (CustomerList.MAX, a clear 422).
create table notify_customer_lists (
  product     varchar(64)  primary key references products (product_key),
  emails      varchar      not null,
  updated_at  timestamp with time zone not null
);
