package io.tollgate.release.web;

import io.tollgate.process.StepDef;
import io.tollgate.product.Product;
import io.tollgate.release.Decision;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.StepStatus;
import io.tollgate.release.UnderWayReleases;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The board's "needs attention" strip: what waits on me first, then failures and open incidents,
 * then blocked releases and releases whose window started without them being released. Each kind
 * shows at most {@link #PER_KIND} releases, read through {@link UnderWayReleases}, and says how
 * many more there are where a filter of the board lists them all.
 */
@Component
class AttentionStrip {
  private static final int SHOWN = 3;
  static final int PER_KIND = 10;

  /** How far beyond its ten a kind counts: "100+ more" is as useful as the exact number. */
  static final int COUNTED_AHEAD = 100;

  private static final Set<ReleaseStatus> BEFORE_RELEASE =
      EnumSet.of(
          ReleaseStatus.PLANNED,
          ReleaseStatus.PREPARING,
          ReleaseStatus.AWAITING_DECISION,
          ReleaseStatus.APPROVED,
          ReleaseStatus.NO_GO);

  private final UnderWayReleases underWay;
  private final ReleaseManagement releases;
  private final Fmt fmt;

  AttentionStrip(UnderWayReleases underWay, ReleaseManagement releases, Fmt fmt) {
    this.underWay = underWay;
    this.releases = releases;
    this.fmt = fmt;
  }

  List<Board.Attention> of(
      Actor me,
      List<Product> shown,
      Map<String, Product> products,
      List<OpenIncident> incidents,
      Instant now) {
    List<Board.Attention> items = new ArrayList<>();
    UnderWayReleases.Page mine = underWay.page(me, shown, null, true, 0, PER_KIND, COUNTED_AHEAD);
    for (Release r : mine.releases()) {
      List<String> actions = BoardView.waitingOnMe(r, releases.actionsFor(me, r));
      if (!actions.isEmpty()) {
        items.add(item("mine", "Waiting on you", r, products, shorten(actions)));
      }
    }
    more(items, "mine", mine, "waiting on your roles", "?mine=true");
    UnderWayReleases.Page failed =
        underWay.page(me, shown, ReleaseStatus.FAILED.id(), false, 0, PER_KIND, COUNTED_AHEAD);
    for (Release r : failed.releases()) {
      items.add(item("failed", "✗ Failed", r, products, failedSteps(r)));
    }
    more(items, "failed", failed, "failed", "?status=failed");
    for (OpenIncident i : incidents) {
      Product p = products.get(i.product());
      List<String> lines = new ArrayList<>();
      lines.add(i.summary());
      lines.add(
          (i.severity() == null ? "" : "Severity " + i.severity() + " · ")
              + "open for "
              + fmt.between(i.openedAt(), now));
      items.add(
          new Board.Attention(
              "incident",
              "🚨 Incident",
              (p == null ? i.product() : p.name()) + " " + i.version(),
              "/incidents/" + i.id(),
              i.id(),
              lines));
    }
    UnderWayReleases.Page noGo =
        underWay.page(me, shown, ReleaseStatus.NO_GO.id(), false, 0, PER_KIND, COUNTED_AHEAD);
    for (Release r : noGo.releases()) {
      Decision d = r.latestDecision();
      List<String> lines = new ArrayList<>();
      lines.add("No-go by " + d.by() + ": " + d.rationale());
      lines.addAll(shorten(r.goBlockers().stream().map(Blocker::title).toList()));
      items.add(item("blocked", "⛔ No-go", r, products, lines));
    }
    more(items, "blocked", noGo, "with a no-go", "?status=no-go");
    for (Release r : underWay.withFailedStep(shown, PER_KIND)) {
      if (r.status() == ReleaseStatus.NO_GO) continue; // shown as a no-go above
      items.add(item("blocked", "🔒 Blocked", r, products, failedSteps(r)));
    }
    for (Release r : underWay.windowStarted(shown, BEFORE_RELEASE, now, PER_KIND)) {
      Window w = r.window();
      List<String> lines = new ArrayList<>();
      lines.add("Window started " + fmt.time(w.start()) + " (" + fmt.ago(w.start()) + ")");
      int blockers = r.goBlockers().size();
      if (blockers > 0) lines.add(blockers + " item" + (blockers == 1 ? "" : "s") + " before go");
      items.add(item("risk", "⏰ At risk", r, products, lines));
    }
    return items;
  }

  /** A last item of a kind: how many more there are and where the board lists them. */
  private static void more(
      List<Board.Attention> items,
      String kind,
      UnderWayReleases.Page page,
      String what,
      String query) {
    long more = page.total() - page.releases().size();
    if (more <= 0) return;
    String title = more + (page.atLeast() ? "+" : "") + " more releases " + what;
    items.add(new Board.Attention(kind, "⋯ More", title, "/" + query, null, List.of()));
  }

  /** Not yet in production: a window that has started is a risk. */
  static boolean beforeRelease(ReleaseStatus status) {
    return BEFORE_RELEASE.contains(status);
  }

  private static List<String> failedSteps(Release r) {
    return r.steps().stream()
        .filter(s -> s.status() == StepStatus.FAILED)
        .map(
            s -> {
              StepDef d = r.process().step(s.key()).orElseThrow();
              return d.title()
                  + " failed ("
                  + d.owner()
                  + (s.by() == null ? "" : ", " + s.by())
                  + (s.note() == null || s.note().isBlank() ? "" : ": " + s.note())
                  + ")";
            })
        .toList();
  }

  private static Board.Attention item(
      String kind, String label, Release r, Map<String, Product> products, List<String> lines) {
    Product p = products.get(r.product());
    return new Board.Attention(
        kind,
        label,
        (p == null ? r.product() : p.name()) + " " + r.version(),
        "/releases/" + r.id().value(),
        null,
        lines);
  }

  private static List<String> shorten(List<String> lines) {
    if (lines.size() <= SHOWN) return lines;
    List<String> out = new ArrayList<>(lines.subList(0, SHOWN));
    out.add("and " + (lines.size() - SHOWN) + " more");
    return out;
  }
}
