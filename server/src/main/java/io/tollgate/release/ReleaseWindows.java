package io.tollgate.release;

import io.tollgate.release.internal.ReleaseWindowQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The releases whose windows overlap a time range, read from the releases table's window columns by
 * one query (an index range scan on the window's start): what the release calendar shows. No
 * permission check here: the caller says which products it may see.
 */
@Service
public class ReleaseWindows {
  private final ReleaseWindowQuery query;

  ReleaseWindows(ReleaseWindowQuery query) {
    this.query = query;
  }

  /**
   * Releases of the given products ({@code null}: of every product) whose window overlaps {@code
   * [from, to)}, by the start of their window.
   */
  @Transactional(readOnly = true)
  public List<WindowedRelease> overlapping(Collection<String> products, Instant from, Instant to) {
    if (products != null && products.isEmpty()) return List.of();
    return query.overlapping(products, from, to, WindowPlacement.LONG);
  }
}
