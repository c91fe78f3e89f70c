package io.tollgate.insights.web;

import io.tollgate.insights.DeliveryInsights;
import io.tollgate.insights.InsightsReport;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Fmt;
import io.tollgate.shared.web.Page;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The insights page: a product (or all of the caller's) and a period chosen with a plain form; the
 * key figures, and for waits and no-go reasons a table with a chart drawn from it; a CSV download.
 */
@Controller
@Page
class InsightsPages {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final InsightsReport insights;

  InsightsPages(InsightsReport insights) {
    this.insights = insights;
  }

  @GetMapping("/insights")
  String page(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      Model model) {
    List<String> products = insights.scope(me, null);
    model.addAttribute("products", products);
    model.addAttribute("product", product == null || product.isBlank() ? "" : product.strip());
    model.addAttribute("from", from == null ? "" : from);
    model.addAttribute("to", to == null ? "" : to);
    DeliveryInsights figures;
    try {
      figures = insights.of(me, product, from, to);
    } catch (TollgateException e) {
      if (e.status() != 422) throw e;
      model.addAttribute("error", e.getMessage());
      return "insights/page";
    }
    model.addAttribute("i", figures);
    model.addAttribute("keys", keys(figures));
    model.addAttribute("stepWaits", waits(figures.waits().steps()));
    model.addAttribute("requirementWaits", waits(figures.waits().requirements()));
    model.addAttribute("handoffWaits", waits(figures.waits().handoffs()));
    if (from == null || from.isBlank()) model.addAttribute("from", DAY.format(figures.from()));
    if (to == null || to.isBlank()) {
      model.addAttribute("to", DAY.format(figures.to().minusNanos(1)));
    }
    model.addAttribute(
        "csv",
        UriComponentsBuilder.fromPath("/insights.csv")
            .queryParamIfPresent(
                "product", java.util.Optional.ofNullable(product).filter(p -> !p.isBlank()))
            .queryParam("from", figures.from())
            .queryParam("to", figures.to())
            .encode()
            .build()
            .toUriString());
    return "insights/page";
  }

  /** The same figures as a CSV file, for the page's download link (the session signs it in). */
  @GetMapping(path = "/insights.csv", produces = InsightsCsv.TYPE)
  ResponseEntity<String> csv(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    DeliveryInsights figures = insights.of(me, product, from, to);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(InsightsCsv.TYPE + ";charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(figures) + "\"")
        .body(InsightsCsv.of(figures));
  }

  /** {@code insights-shop-2026-11-01-2026-12-01.csv}. */
  static String fileName(DeliveryInsights i) {
    String what = i.products().size() == 1 ? i.products().get(0) : "all";
    return "insights-"
        + what.replaceAll("[^A-Za-z0-9._-]", "_")
        + "-"
        + DAY.format(i.from())
        + "-"
        + DAY.format(i.to())
        + ".csv";
  }

  /** One key figure as shown: its name, value and what it was computed over. */
  record KeyRow(String id, String name, String value, String over) {}

  /** One wait row: durations as read and, for the chart, in seconds. */
  record WaitRow(
      String key, String role, int count, String p50, String p90, long p50s, long p90s) {}

  static List<KeyRow> keys(DeliveryInsights i) {
    int n = i.productionDeployments();
    String deployments = n + " production deployment" + (n == 1 ? "" : "s");
    return List.of(
        new KeyRow(
            "deployment-frequency",
            "Deployment frequency",
            perDay(i.deploymentFrequency()) + " per day",
            deployments
                + " in "
                + perDay(Duration.between(i.from(), i.to()).toMinutes() / 1440.0)
                + " days"),
        new KeyRow(
            "lead-time",
            "Lead time (release created or first commit → production)",
            spread(i.leadTimeSeconds()),
            deployments),
        new KeyRow(
            "change-failure-rate",
            "Change failure rate (rolled back or incident)",
            percent(i.changeFailureRate()),
            i.failedDeployments() + " of " + deployments),
        new KeyRow(
            "time-to-restore",
            "Time to restore (incident opened → resolved)",
            spread(i.timeToRestoreSeconds()),
            i.timeToRestoreSeconds().count() + " incidents resolved"),
        new KeyRow(
            "overrides", "Freeze overrides", Long.toString(i.overrides()), "used in the period"),
        new KeyRow(
            "releases-cancelled",
            "Releases cancelled",
            Integer.toString(i.releasesCancelled()),
            "in the period"));
  }

  static List<WaitRow> waits(List<io.tollgate.insights.WaitFigure> figures) {
    return figures.stream()
        .map(
            w ->
                new WaitRow(
                    w.key(),
                    w.role(),
                    w.count(),
                    seconds(w.p50Seconds()),
                    seconds(w.p90Seconds()),
                    w.p50Seconds(),
                    w.p90Seconds()))
        .toList();
  }

  static String spread(io.tollgate.insights.Spread s) {
    return s.count() == 0 ? "—" : "median " + seconds(s.p50()) + " · p90 " + seconds(s.p90());
  }

  /** "3 h 20 min", or a dash without data. */
  static String seconds(Long s) {
    return s == null ? "—" : Fmt.duration(Duration.ofSeconds(s));
  }

  /** A share as a percentage with one decimal, or a dash. */
  static String percent(Double share) {
    return share == null ? "—" : String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  /** Per day with two decimals. */
  static String perDay(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
