package io.tollgate.release.web;

import io.tollgate.product.ProductManagement;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleasePage;
import io.tollgate.release.ReleaseStatus;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.Fmt;
import io.tollgate.shared.web.Page;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The release parts of a product page, as htmx fragments: its release history, newest first and
 * paginated, and the banner of its open incidents. They live here because products know nothing of
 * releases.
 */
@Controller
@Page
class ProductHistoryPages {
  static final int PAGE_SIZE = 20;

  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final IncidentLookup incidents;
  private final Fmt fmt;

  ProductHistoryPages(
      ReleaseManagement releases, ProductManagement products, IncidentLookup incidents, Fmt fmt) {
    this.releases = releases;
    this.products = products;
    this.incidents = incidents;
    this.fmt = fmt;
  }

  record Row(
      String id,
      String version,
      String name,
      String type,
      String status,
      String icon,
      String planned,
      String released,
      String by) {}

  @GetMapping("/products/{key}/history")
  String history(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    String s =
        ReleaseStatus.parse(status == null ? "" : status).map(ReleaseStatus::id).orElse(null);
    ReleasePage result = releases.list(me, key, s, Math.max(0, page), PAGE_SIZE);
    model.addAttribute("key", key);
    model.addAttribute("status", s);
    model.addAttribute(
        "statuses", Arrays.stream(ReleaseStatus.values()).map(ReleaseStatus::id).toList());
    model.addAttribute("rows", result.items().stream().map(this::row).toList());
    model.addAttribute("page", result.page());
    model.addAttribute("total", result.total());
    model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    return "release/history :: history";
  }

  @GetMapping("/products/{key}/banner")
  String banner(@AuthenticationPrincipal Actor me, @PathVariable String key, Model model) {
    products.get(me, key);
    model.addAttribute("key", key);
    model.addAttribute("incidents", incidents.openIncidents(List.of(key)));
    return "release/history :: banner";
  }

  private Row row(Release r) {
    return new Row(
        r.id().value(),
        r.version().toString(),
        r.name(),
        r.type().id(),
        r.status().id(),
        BoardView.icon(r.status()),
        fmt.time(r.createdAt()),
        r.releasedAt().map(fmt::time).orElse(null),
        r.createdBy());
  }
}
