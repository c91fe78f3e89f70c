package io.tollgate.changes;

import io.tollgate.changes.internal.ChangeStore;
import io.tollgate.process.ConventionalCommit;
import io.tollgate.process.ConventionalCommit.Group;
import io.tollgate.process.VersionBump;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleasePage;
import io.tollgate.release.ReleaseStatus;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's released versions as a Keep a Changelog file: each release that reached production
 * (released, closed; rolled back ones marked {@code [YANKED]}), newest first, its summary, and its
 * entries: from its commits when it has any (features Added, fixes Fixed, breaking and performance
 * changes Changed), else its notable changes (Changed).
 */
@Service
public class ChangelogExport {
  private static final List<ReleaseStatus> SHIPPED =
      List.of(ReleaseStatus.RELEASED, ReleaseStatus.CLOSED, ReleaseStatus.ROLLED_BACK);

  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final ChangeStore changes;

  ChangelogExport(ReleaseManagement releases, ProductManagement products, ChangeStore changes) {
    this.releases = releases;
    this.products = products;
    this.changes = changes;
  }

  /** The changelog (members of the product and the admin). */
  @Transactional(readOnly = true)
  public String markdown(io.tollgate.shared.Actor by, String productKey) {
    Product product = products.get(by, productKey);
    List<Release> shipped = new ArrayList<>();
    for (ReleaseStatus status : SHIPPED) {
      int page = 0;
      ReleasePage p;
      do {
        p = releases.list(by, productKey, status.id(), page++, 200);
        shipped.addAll(p.items());
      } while ((long) page * 200 < p.total());
    }
    shipped.sort(Comparator.comparing(Release::version).reversed());
    List<Changelog.Version> versions = new ArrayList<>();
    for (Release r : shipped) {
      versions.add(
          new Changelog.Version(
              r.version().toString(),
              r.releasedAt().orElse(r.createdAt()).atZone(ZoneOffset.UTC).toLocalDate(),
              r.status() == ReleaseStatus.ROLLED_BACK,
              r.notes().text("summary"),
              sections(r),
              "/releases/" + r.id().value()));
    }
    return Changelog.render(product.name(), versions);
  }

  private Map<String, List<String>> sections(Release r) {
    List<Change> commits = changes.of(r.id().value());
    Map<String, List<String>> sections = new LinkedHashMap<>();
    if (commits.isEmpty()) {
      List<String> notable = r.notes().get("notableChanges");
      if (notable != null && !notable.isEmpty()) sections.put("Changed", notable);
      return sections;
    }
    List<ConventionalCommit> kept =
        VersionBump.withoutReverts(
            commits.stream().map(Change::sha).toList(),
            commits.stream().map(Change::commit).toList());
    for (ConventionalCommit c : kept) {
      String text =
          c.scope() == null || c.scope().isBlank() ? c.subject() : c.scope() + ": " + c.subject();
      String type =
          c.group() == Group.FEATURES
              ? "Added"
              : c.group() == Group.FIXES
                  ? "Fixed"
                  : c.group() == Group.BREAKING || c.group() == Group.PERFORMANCE
                      ? "Changed"
                      : null;
      if (type == null) continue;
      if (c.group() == Group.BREAKING) text = "**Breaking:** " + text;
      sections.computeIfAbsent(type, k -> new ArrayList<>()).add(text);
    }
    return sections;
  }
}
