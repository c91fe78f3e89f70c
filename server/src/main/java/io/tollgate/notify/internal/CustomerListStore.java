package io.tollgate.notify.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_customer_lists table: support's customer addresses of a product. */
@Repository
public class CustomerListStore extends AddressListStore {
  CustomerListStore(JdbcClient jdbc) {
    super(jdbc, "notify_customer_lists");
  }
}
