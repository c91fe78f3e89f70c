package io.tollgate.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery figures of some products over a period. Each figure counts what ended in the period:
 *
 * <ul>
 *   <li>{@code deploymentFrequency}: successful production deployments per day of the period;
 *   <li>{@code leadTimeSeconds}: for each of those deployments, from its release's creation (or its
 *       first commit, when earlier) to the deployment;
 *   <li>{@code changeFailureRate}: the share of those deployments that production was later rolled
 *       back from or that an incident was opened on (null without deployments);
 *   <li>{@code timeToRestoreSeconds}: incidents resolved in the period, from opened to resolved;
 *   <li>{@code waits}: steps done, requirements met and handoffs acknowledged in the period (see
 *       {@link Waits});
 *   <li>{@code noGo}: no-go decisions by reason, most frequent first; {@code overrides}: freeze
 *       overrides used; {@code releasesCancelled}.
 * </ul>
 */
public record DeliveryInsights(
    List<String> products,
    Instant from,
    Instant to,
    int productionDeployments,
    double deploymentFrequency,
    Spread leadTimeSeconds,
    int failedDeployments,
    Double changeFailureRate,
    Spread timeToRestoreSeconds,
    WaitTable waits,
    List<ReasonCount> noGo,
    long overrides,
    int releasesCancelled) {

  /** The waits by kind, each the longest (p90) first. */
  public record WaitTable(
      List<WaitFigure> steps, List<WaitFigure> requirements, List<WaitFigure> handoffs) {}

  public static DeliveryInsights of(
      List<String> products,
      Period period,
      List<ProductionDeployment> deployments,
      List<Restore> restores,
      List<ReleaseTrail> trails,
      List<String> noGoReasons,
      long overrides,
      int cancelled) {
    int n = deployments.size();
    int failed = (int) deployments.stream().filter(ProductionDeployment::failed).count();
    List<Long> lead =
        deployments.stream().map(d -> seconds(d.leadTimeStart(), d.deployedAt())).toList();
    List<Long> restore = restores.stream().map(r -> seconds(r.opened(), r.resolved())).toList();
    List<Wait> waits = new ArrayList<>();
    for (ReleaseTrail t : trails) {
      for (Wait w : Waits.of(t)) {
        if (!w.doneAt().isBefore(period.from()) && w.doneAt().isBefore(period.to())) waits.add(w);
      }
    }
    return new DeliveryInsights(
        List.copyOf(products),
        period.from(),
        period.to(),
        n,
        n / period.days(),
        Spread.of(lead),
        failed,
        n == 0 ? null : (double) failed / n,
        Spread.of(restore),
        new WaitTable(
            figures(waits, Wait.STEP),
            figures(waits, Wait.REQUIREMENT),
            figures(waits, Wait.HANDOFF)),
        reasons(noGoReasons),
        overrides,
        cancelled);
  }

  /** The waits of one kind grouped by key and role, the longest (p90, then p50) first. */
  static List<WaitFigure> figures(List<Wait> waits, String kind) {
    Map<List<String>, List<Long>> groups = new LinkedHashMap<>();
    for (Wait w : waits) {
      if (!w.kind().equals(kind)) continue;
      groups.computeIfAbsent(List.of(w.key(), w.role()), k -> new ArrayList<>()).add(w.seconds());
    }
    List<WaitFigure> out = new ArrayList<>();
    groups.forEach(
        (k, seconds) -> {
          Spread s = Spread.of(seconds);
          out.add(new WaitFigure(k.get(0), k.get(1), s.count(), s.p50(), s.p90()));
        });
    out.sort(
        Comparator.comparing(WaitFigure::p90Seconds, Comparator.reverseOrder())
            .thenComparing(WaitFigure::p50Seconds, Comparator.reverseOrder())
            .thenComparing(WaitFigure::key)
            .thenComparing(WaitFigure::role));
    return out;
  }

  /** Reasons as written (trimmed), most frequent first, then alphabetically. */
  static List<ReasonCount> reasons(List<String> rationales) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String r : rationales) {
      String reason = r == null || r.isBlank() ? "(no reason given)" : r.strip();
      counts.merge(reason, 1, Integer::sum);
    }
    List<ReasonCount> out = new ArrayList<>();
    counts.forEach((r, c) -> out.add(new ReasonCount(r, c)));
    out.sort(
        Comparator.comparing(ReasonCount::count, Comparator.reverseOrder())
            .thenComparing(ReasonCount::reason));
    return out;
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).getSeconds());
  }
}
