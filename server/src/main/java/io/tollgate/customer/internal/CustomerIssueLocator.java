package io.tollgate.customer.internal;

import io.tollgate.shared.ProductLocator;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The product of {@code customer-issues/{id}}, for product-scoped tokens. */
@Component
class CustomerIssueLocator implements ProductLocator {
  private final JdbcClient jdbc;

  CustomerIssueLocator(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String collection() {
    return "customer-issues";
  }

  @Override
  public Optional<String> productOf(String id) {
    if (id == null || id.length() > 36) return Optional.empty();
    return jdbc.sql("select product from customer_issues where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }
}
