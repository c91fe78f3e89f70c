package io.tollgate.calendar;

import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.ReleaseWindows;
import io.tollgate.release.WindowedRelease;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release calendar of a person: the releases of the products they belong to (the admin: of
 * every product) whose windows overlap a range, each with the releases it collides with.
 */
@Service
public class ReleaseCalendar {
  private final ReleaseWindows windows;
  private final ProductManagement products;

  ReleaseCalendar(ReleaseWindows windows, ProductManagement products) {
    this.windows = windows;
    this.products = products;
  }

  /**
   * Which products a calendar shows.
   *
   * @param products the products, by key order of {@link ProductManagement#visibleTo}
   * @param all every product there is (the admin's calendar without a filter): read unfiltered
   */
  public record Selection(List<Product> products, boolean all) {
    public List<String> keys() {
      return all ? null : products.stream().map(Product::key).toList();
    }
  }

  /**
   * The products whose releases {@code by} sees on the calendar, narrowed by {@code visible} (a
   * scoped token's products; null: no narrowing); {@code product} (null: all of them) must be one,
   * else 404, as for a product that does not exist.
   */
  @Transactional(readOnly = true)
  public Selection products(Actor by, String product, Predicate<String> visible) {
    List<Product> mine =
        products.visibleTo(by).stream()
            .filter(p -> visible == null || visible.test(p.key()))
            .toList();
    if (product == null || product.isBlank()) {
      return new Selection(mine, by.admin() && visible == null);
    }
    return new Selection(
        List.of(
            mine.stream()
                .filter(p -> p.key().equals(product.strip()))
                .findFirst()
                .orElseThrow(
                    () ->
                        NotFound.of(
                            "product",
                            product.strip(),
                            "Name one of your products (GET /api/v1/products) or leave 'product'"
                                + " out."))),
        false);
  }

  /** The releases of the selection with a window in the range, by window start. */
  @Transactional(readOnly = true)
  public List<CalendarEntry> entries(Selection of, CalendarRange range) {
    List<String> keys = of.keys();
    List<WindowedRelease> found = windows.overlapping(keys, range.from(), range.to());
    // a release's partner in a collision may lie outside the range (its window overlaps the
    // release's, not the range's): read the span the releases found cover, when it is wider
    Instant first = range.from();
    Instant last = range.to();
    for (WindowedRelease w : found) {
      if (w.start().isBefore(first)) first = w.start();
      if (w.end().isAfter(last)) last = w.end();
    }
    List<WindowedRelease> around =
        first.equals(range.from()) && last.equals(range.to())
            ? found
            : windows.overlapping(keys, first, last.plusMillis(1));
    Map<String, List<String>> conflicts = Conflicts.among(around);
    return found.stream()
        .map(
            w ->
                new CalendarEntry(
                    w.id(),
                    w.product(),
                    w.version(),
                    w.status().id(),
                    new CalendarEntry.Span(w.start(), w.end()),
                    conflicts.getOrDefault(w.id(), List.of())))
        .toList();
  }
}
