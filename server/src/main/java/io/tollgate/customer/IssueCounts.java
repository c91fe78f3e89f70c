package io.tollgate.customer;

import io.tollgate.customer.internal.CustomerIssueStore;
import io.tollgate.release.CustomerIssueCounts;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the release pages how many issues customers reported per release. */
@Component
class IssueCounts implements CustomerIssueCounts {
  private final CustomerIssueStore store;

  IssueCounts(CustomerIssueStore store) {
    this.store = store;
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, Integer> of(List<String> releaseIds) {
    return store.counts(releaseIds);
  }
}
