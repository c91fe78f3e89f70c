package io.tollgate.release;

import io.tollgate.product.Member;
import io.tollgate.product.Product;
import io.tollgate.release.internal.ReleaseStore;
import io.tollgate.release.internal.UnderWay;
import io.tollgate.shared.Actor;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The releases under way on products the caller sees, a bounded number at a time: what the board
 * shows costs what it shows, whatever the number of releases (issue 13). Callers pass the products
 * the caller may see ({@code ProductManagement.visibleTo}); nothing here widens them.
 */
@Service
public class UnderWayReleases {
  private final UnderWay underWay;
  private final ReleaseCommandRunner runner;
  private final ReleaseStore store;

  UnderWayReleases(UnderWay underWay, ReleaseCommandRunner runner, ReleaseStore store) {
    this.underWay = underWay;
    this.runner = runner;
    this.store = store;
  }

  /**
   * How many releases a page counts beyond itself, at most: with more, the total is "at least" (a
   * board of 10,000 releases under way says "1,050+" rather than counting them all on every view;
   * issue 13).
   */
  public static final int COUNTED_AHEAD = 1000;

  /**
   * One page of releases under way, newest first, and how many there are in all: exactly, or at
   * least {@code total} when {@code atLeast} (more than {@link #COUNTED_AHEAD} after this page).
   */
  public record Page(List<Release> releases, long total, int page, int size, boolean atLeast) {
    public int pages() {
      return (int) Math.max(1, (total + size - 1) / size);
    }
  }

  /**
   * A page of the releases under way on these products, in this status (null: any); with {@code
   * waitingOnMe}, only those waiting on a role the caller holds on their product (a release where
   * separation of duties still refuses the caller is among them: the caller's own actions say so).
   */
  @Transactional(readOnly = true)
  public Page page(
      Actor me, List<Product> products, String status, boolean waitingOnMe, int page, int size) {
    return page(me, products, status, waitingOnMe, page, size, COUNTED_AHEAD);
  }

  /**
   * As {@link #page(Actor, List, String, boolean, int, int)}, counting this far beyond the page.
   */
  @Transactional(readOnly = true)
  public Page page(
      Actor me,
      List<Product> products,
      String status,
      boolean waitingOnMe,
      int page,
      int size,
      int countedAhead) {
    UnderWay.Filter filter = filter(me, products, status, waitingOnMe);
    List<Release> releases =
        underWay.page(filter, page * size, size).stream().map(runner::restore).toList();
    long upTo = (long) (page + 1) * size + countedAhead;
    long total = underWay.count(filter, upTo + 1);
    return new Page(releases, Math.min(total, upTo), page, size, total > upTo);
  }

  /** At most {@code limit} releases under way, blocked by a failed step, newest first. */
  @Transactional(readOnly = true)
  public List<Release> withFailedStep(List<Product> products, int limit) {
    return underWay.withFailedStep(keys(products), limit).stream().map(runner::restore).toList();
  }

  /** At most {@code limit} releases in these statuses whose window started before now. */
  @Transactional(readOnly = true)
  public List<Release> windowStarted(
      List<Product> products, Set<ReleaseStatus> statuses, Instant now, int limit) {
    return underWay
        .windowStarted(
            keys(products), statuses.stream().map(ReleaseStatus::id).toList(), now, limit)
        .stream()
        .map(runner::restore)
        .toList();
  }

  /** Per product key, the environments one of its releases is being deployed to now. */
  @Transactional(readOnly = true)
  public Map<String, Set<String>> deploying(List<Product> products) {
    return underWay.deploying(keys(products));
  }

  /**
   * Recomputes the overview of releases saved before it was kept (see {@code V102}), a batch at a
   * time; the number done.
   */
  @Transactional
  public int backfillOverviews(int batch) {
    List<String> ids = underWay.unknownOverviews(batch);
    for (String id : ids) {
      store
          .find(id)
          .ifPresent(
              data ->
                  store.refreshOverview(id, data.revision(), Overview.of(runner.restore(data))));
    }
    return ids.size();
  }

  private UnderWay.Filter filter(
      Actor me, List<Product> products, String status, boolean waitingOnMe) {
    Map<String, Set<String>> roles = null;
    if (waitingOnMe) {
      roles = new HashMap<>();
      for (Product p : products) {
        for (Member m : p.members()) {
          if (m.username().equals(me.username())) roles.put(p.key(), Set.copyOf(m.roles()));
        }
      }
    }
    return new UnderWay.Filter(keys(products), status, roles);
  }

  private static List<String> keys(Collection<Product> products) {
    return products.stream().map(Product::key).toList();
  }
}
