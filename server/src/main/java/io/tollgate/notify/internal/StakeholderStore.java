package io.tollgate.notify.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notify_stakeholders table: a product's stakeholder addresses. */
@Repository
public class StakeholderStore extends AddressListStore {
  StakeholderStore(JdbcClient jdbc) {
    super(jdbc, "notify_stakeholders");
  }
}
