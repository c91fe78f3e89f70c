package io.tollgate.release.internal;

import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.WindowedRelease;
import io.tollgate.shared.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The calendar's read of the releases table: its window columns (V110), never the documents. */
@Repository
public class ReleaseWindowQuery {
  private static final String COLUMNS =
      "select id, product_key, version, status, window_start, window_end from releases";

  private final JdbcClient jdbc;

  ReleaseWindowQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Releases of {@code products} (null: all) whose window overlaps {@code [from, to)}, by window
   * start. One statement of two index range scans: the windows that start in {@code [from -
   * longest, to)} (no window of at most {@code longest} that overlaps the range starts earlier),
   * and the long windows ({@code window_long}, longer than {@code longest}) that start before that.
   * A window of one instant overlaps the range when the instant is in it.
   */
  public List<WindowedRelease> overlapping(
      Collection<String> products, Instant from, Instant to, Duration longest) {
    // the products as a filter, not an index condition: H2 reads an "in" list on the first column
    // of releases_product_window as every row of those products, the whole history (issue 13:
    // 100,000 releases took seconds); the window's start bounds the rows read, on both databases
    String byProduct = products == null ? "" : " and coalesce(product_key, '') in (:products)";
    var spec =
        jdbc.sql(
                COLUMNS
                    + " where window_start >= :earliest and window_start < :to"
                    + " and (window_end > :from or (window_end = window_start and window_start >= :from))"
                    + byProduct
                    + " union all "
                    + COLUMNS
                    + " where window_long = true and window_start < :earliest"
                    + " and window_end > :from"
                    + byProduct
                    + " order by window_start, id")
            .param("earliest", Timestamps.toDb(from.minus(longest)))
            .param("from", Timestamps.toDb(from))
            .param("to", Timestamps.toDb(to));
    if (products != null) spec = spec.param("products", List.copyOf(products));
    return spec.query(
            (rs, n) ->
                new WindowedRelease(
                    rs.getString("id"),
                    rs.getString("product_key"),
                    rs.getString("version"),
                    ReleaseStatus.parse(rs.getString("status")).orElseThrow(),
                    Timestamps.fromDb(rs.getObject("window_start", OffsetDateTime.class)),
                    Timestamps.fromDb(rs.getObject("window_end", OffsetDateTime.class))))
        .list();
  }
}
