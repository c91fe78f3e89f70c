package io.tollgate.insights;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.insights.internal.InsightsStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The key insights of every product over the last 30 days as gauges on the actuator's Prometheus
 * endpoint, tagged {@code product}: computed every {@code tollgate.insights.metrics-interval}
 * (default 5 minutes) into a snapshot that scrapes read, never per scrape. A figure without data
 * (no deployments, no incident resolved) is NaN.
 */
@Component
public class InsightsMetrics {
  private static final Logger log = LoggerFactory.getLogger(InsightsMetrics.class);

  /** Gauge names (Prometheus replaces the dots with underscores) and how each reads a snapshot. */
  static final Map<String, ToDoubleFunction<DeliveryInsights>> GAUGES =
      Map.of(
          "tollgate.insights.deployment.frequency", DeliveryInsights::deploymentFrequency,
          "tollgate.insights.lead.time.p50.seconds", i -> seconds(i.leadTimeSeconds().p50()),
          "tollgate.insights.lead.time.p90.seconds", i -> seconds(i.leadTimeSeconds().p90()),
          "tollgate.insights.change.failure.rate",
              i -> i.changeFailureRate() == null ? Double.NaN : i.changeFailureRate(),
          "tollgate.insights.time.to.restore.p50.seconds",
              i -> seconds(i.timeToRestoreSeconds().p50()),
          "tollgate.insights.time.to.restore.p90.seconds",
              i -> seconds(i.timeToRestoreSeconds().p90()),
          "tollgate.insights.no.go.decisions",
              i -> i.noGo().stream().mapToInt(ReasonCount::count).sum(),
          "tollgate.insights.overrides", i -> i.overrides(),
          "tollgate.insights.releases.cancelled", i -> i.releasesCancelled());

  private final InsightsReport report;
  private final InsightsStore store;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, DeliveryInsights> snapshot = new ConcurrentHashMap<>();

  InsightsMetrics(InsightsReport report, InsightsStore store, MeterRegistry registry, Clock clock) {
    this.report = report;
    this.store = store;
    this.registry = registry;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${tollgate.insights.metrics-interval:PT5M}",
      initialDelayString = "${tollgate.insights.metrics-initial-delay:PT20S}")
  void scheduled() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("Could not compute the insights metrics: {}", e.getMessage());
    }
  }

  /** Recomputes every product's figures over the 30 days up to now. */
  public void refresh() {
    Period period = Period.lastDays(clock.instant());
    report
        .computeEach(store.productKeys(), period)
        .forEach(
            (key, figures) -> {
              if (snapshot.put(key, figures) == null) register(key);
            });
  }

  private void register(String product) {
    GAUGES.forEach(
        (name, read) ->
            Gauge.builder(name, snapshot, s -> value(s.get(product), read))
                .tag("product", product)
                .description("Delivery insights over the last 30 days (see the README, Insights)")
                .register(registry));
  }

  private static double value(DeliveryInsights i, ToDoubleFunction<DeliveryInsights> read) {
    return i == null ? Double.NaN : read.applyAsDouble(i);
  }

  private static double seconds(Long s) {
    return s == null ? Double.NaN : s;
  }
}
