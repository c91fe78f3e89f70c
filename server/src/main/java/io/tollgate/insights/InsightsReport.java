package io.tollgate.insights;

import io.tollgate.audit.AuditLog;
import io.tollgate.insights.ReleaseTrail.Kind;
import io.tollgate.insights.ReleaseTrail.Mark;
import io.tollgate.insights.internal.InsightsStore;
import io.tollgate.insights.internal.InsightsStore.TrailRow;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.product.Membership;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.TollgateException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivery insights for a caller: one product they are a member of (the admin: any), or all of
 * their products. Reads only the period's rows (see {@link InsightsStore}) and computes the figures
 * in the domain ({@link DeliveryInsights}, {@link Waits}).
 */
@Service
public class InsightsReport {
  private final InsightsStore store;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final Clock clock;
  private final AuditLog audit;

  InsightsReport(
      InsightsStore store,
      ProductManagement products,
      ProcessManagement processes,
      Clock clock,
      AuditLog audit) {
    this.store = store;
    this.audit = audit;
    this.products = products;
    this.processes = processes;
    this.clock = clock;
  }

  /**
   * The insights of {@code product} (blank: every product of the caller) over the period {@code
   * from}..{@code to} (see {@link Period#parse}). A product that does not exist or that the caller
   * is not a member of is not found (404); a bad period is refused (422).
   */
  @Transactional(readOnly = true)
  public DeliveryInsights of(Actor by, String product, String from, String to) {
    List<String> keys = scope(by, product);
    return compute(keys, Period.parse(from, to, clock.instant()));
  }

  /** The products the caller's insights cover: the one named, or all of theirs, sorted. */
  @Transactional(readOnly = true)
  public List<String> scope(Actor by, String product) {
    if (product != null && !product.isBlank()) {
      String key = product.strip();
      if (!products.exists(key)
          || (!by.admin() && products.rolesOf(key, by.username()).isEmpty())) {
        throw NotFound.of("product", key, "List your products with GET /api/v1/products.");
      }
      return List.of(key);
    }
    List<String> keys =
        by.admin()
            ? products.visibleTo(by).stream().map(Product::key).toList()
            : products.membershipsOf(by.username()).stream().map(Membership::product).toList();
    return keys.stream().sorted().toList();
  }

  /**
   * The figures of these products over the period, whoever asks. They include every command
   * answered before the call: its events are read from the audit chain, so this waits (at most 5 s)
   * for what was committed but not yet chained.
   */
  @Transactional(readOnly = true)
  public DeliveryInsights compute(List<String> keys, Period period) {
    audit.awaitChained();
    return figures(keys, period);
  }

  /**
   * The figures of each product over the period, as {@link #compute} makes them, waiting for the
   * chain once for all of them (not once per product, which, were the appender stopped, would be 5
   * s each).
   */
  @Transactional(readOnly = true)
  public Map<String, DeliveryInsights> computeEach(List<String> keys, Period period) {
    audit.awaitChained();
    Map<String, DeliveryInsights> each = new LinkedHashMap<>();
    for (String key : keys) each.put(key, figures(List.of(key), period));
    return each;
  }

  private DeliveryInsights figures(List<String> keys, Period period) {
    if (keys.isEmpty()) {
      return DeliveryInsights.of(keys, period, List.of(), List.of(), List.of(), List.of(), 0, 0);
    }
    return DeliveryInsights.of(
        keys,
        period,
        store.productionDeployments(keys, period),
        store.restores(keys, period),
        trails(keys, period),
        store.noGoReasons(keys, period),
        store.overridesUsed(keys, period),
        store.cancelled(keys, period));
  }

  private List<ReleaseTrail> trails(List<String> keys, Period period) {
    List<String> releases = store.releasesWithWaitsEnding(keys, period);
    if (releases.isEmpty()) return List.of();
    Map<String, Instant> created = store.created(releases);
    Map<String, List<TrailRow>> rows = new LinkedHashMap<>();
    for (TrailRow r : store.trails(releases)) {
      rows.computeIfAbsent(r.release(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Optional<ProcessDefinition>> definitions = new HashMap<>();
    List<ReleaseTrail> out = new ArrayList<>();
    rows.forEach(
        (release, list) -> {
          Instant planned = created.get(release);
          ProcessDefinition process = null;
          List<Mark> marks = new ArrayList<>();
          for (TrailRow r : list) {
            if (r.type().equals("release.planned")) {
              planned = r.at();
              if (r.process() != null) {
                process = definitions.computeIfAbsent(r.process(), this::definition).orElse(null);
              }
            }
            Kind kind = kind(r);
            String key = kind == Kind.DECIDED ? r.outcome() : r.key();
            if (kind != null) marks.add(new Mark(kind, key, r.at(), r.role()));
          }
          if (planned != null) out.add(new ReleaseTrail(release, planned, process, marks));
        });
    return out;
  }

  private static Kind kind(TrailRow r) {
    return switch (r.type()) {
      case "step.completed", "step.complete" ->
          "failed".equals(r.outcome()) ? null : Kind.STEP_DONE;
      case "step.skipped", "step.skip" -> Kind.STEP_SKIPPED;
      case "decision.recorded", "decision" -> Kind.DECIDED;
      case "requirement.met", "requirement.meet" -> Kind.REQUIREMENT_MET;
      case "handoff.handed" -> Kind.HANDED;
      case "handoff.acknowledged", "handoff.acknowledge" -> Kind.ACKNOWLEDGED;
      default -> null;
    };
  }

  /** The definition a release's {@code id@version} names, when it (still) parses. */
  private Optional<ProcessDefinition> definition(String ref) {
    int at = ref.lastIndexOf('@');
    if (at <= 0) return Optional.empty();
    try {
      return Optional.of(
          processes.definition(ref.substring(0, at), Integer.parseInt(ref.substring(at + 1))));
    } catch (NumberFormatException | TollgateException e) {
      return Optional.empty();
    }
  }
}
