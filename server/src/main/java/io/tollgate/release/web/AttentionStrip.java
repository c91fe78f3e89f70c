package io.tollgate.release.web;

import io.tollgate.process.StepDef;
import io.tollgate.product.Product;
import io.tollgate.release.Decision;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.StepStatus;
import io.tollgate.release.Window;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The board's "needs attention" strip: what waits on me first, then failures and open incidents,
 * then blocked releases and releases whose window started without them being released.
 */
final class AttentionStrip {
  private static final int SHOWN = 3;

  private AttentionStrip() {}

  static List<Board.Attention> of(
      List<Release> active,
      Map<String, List<String>> mine,
      List<OpenIncident> incidents,
      Map<String, Product> products,
      Instant now,
      Fmt fmt) {
    List<Board.Attention> items = new ArrayList<>();
    for (Release r : active) {
      List<String> actions = mine.get(r.id().value());
      if (!actions.isEmpty()) {
        items.add(item("mine", "Waiting on you", r, products, shorten(actions)));
      }
    }
    for (Release r : active) {
      if (r.status() == ReleaseStatus.FAILED) {
        items.add(item("failed", "✗ Failed", r, products, failedSteps(r)));
      }
    }
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
    for (Release r : active) {
      if (r.status() == ReleaseStatus.NO_GO) {
        Decision d = r.latestDecision();
        List<String> lines = new ArrayList<>();
        lines.add("No-go by " + d.by() + ": " + d.rationale());
        lines.addAll(shorten(r.goBlockers().stream().map(Blocker::title).toList()));
        items.add(item("blocked", "⛔ No-go", r, products, lines));
      } else if (r.status() != ReleaseStatus.FAILED && !failedSteps(r).isEmpty()) {
        items.add(item("blocked", "🔒 Blocked", r, products, failedSteps(r)));
      }
    }
    for (Release r : active) {
      Window w = r.window();
      if (w != null && w.start() != null && w.start().isBefore(now) && beforeRelease(r.status())) {
        List<String> lines = new ArrayList<>();
        lines.add("Window started " + fmt.time(w.start()) + " (" + fmt.ago(w.start()) + ")");
        int blockers = r.goBlockers().size();
        if (blockers > 0) lines.add(blockers + " item" + (blockers == 1 ? "" : "s") + " before go");
        items.add(item("risk", "⏰ At risk", r, products, lines));
      }
    }
    return items;
  }

  /** Not yet in production: a window that has started is a risk. */
  static boolean beforeRelease(ReleaseStatus status) {
    return switch (status) {
      case PLANNED, PREPARING, AWAITING_DECISION, APPROVED, NO_GO -> true;
      default -> false;
    };
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
