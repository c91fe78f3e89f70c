package io.tollgate.insights.internal;

import io.tollgate.insights.Period;
import io.tollgate.insights.ProductionDeployment;
import io.tollgate.insights.Restore;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of one period of some products, read with the indexes on audit events by (product, at)
 * or by at, and on deployments by (product_key, deployed_at) or by deployed_at (see {@link
 * #products}): never a product's whole history. The audit types of rows written before the event
 * vocabulary ({@code step.complete}, ...) are read too.
 */
@Repository
public class InsightsStore {
  /** How many release ids go into one {@code in (...)} list. */
  static final int CHUNK = 500;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The audit types a wait is computed from, old and new. */
  static final List<String> TRAIL_TYPES =
      List.of(
          "release.planned",
          "step.completed",
          "step.complete",
          "step.skipped",
          "step.skip",
          "decision.recorded",
          "decision",
          "requirement.met",
          "requirement.meet",
          "handoff.handed",
          "handoff.acknowledged",
          "handoff.acknowledge");

  /** The types that end a wait: a release with one of them in the period has waits in it. */
  static final List<String> ENDING_TYPES =
      List.of(
          "step.completed",
          "step.complete",
          "decision.recorded",
          "decision",
          "requirement.met",
          "requirement.meet",
          "handoff.acknowledged",
          "handoff.acknowledge");

  private final JdbcClient jdbc;

  InsightsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every product's key, sorted: what the metrics cover. */
  public List<String> productKeys() {
    return jdbc.sql("select product_key from products order by product_key")
        .query(String.class)
        .list();
  }

  /** Successful deployments to each product's production (its last environment) in the period. */
  public List<ProductionDeployment> productionDeployments(
      Collection<String> products, Period period) {
    return jdbc.sql(
            "select d.release_id, d.deployed_at, d.rolled_back, r.created_at,"
                + " (select min(c.added_at) from release_changes c where c.release_id = d.release_id)"
                + " as first_commit,"
                + " (select count(*) from incidents i where i.release_id = d.release_id"
                + " and i.opened_at >= d.deployed_at) as incidents"
                + " from deployments d join releases r on r.id = d.release_id"
                + " where d.deployed_at >= :from and d.deployed_at < :to and "
                + products("d.product_key", products)
                + " and d.kind = 'deploy' and d.outcome = 'succeeded'"
                + " and d.environment = (select pe.name from product_environments pe"
                + " where pe.product_key = d.product_key order by pe.position desc limit 1)"
                + " order by d.deployed_at, d.id")
        .param("products", products)
        .param("product", products.iterator().next())
        .param("from", Timestamps.toDb(period.from()))
        .param("to", Timestamps.toDb(period.to()))
        .query(
            (rs, n) ->
                new ProductionDeployment(
                    rs.getString("release_id"),
                    instant(rs.getObject("deployed_at", OffsetDateTime.class)),
                    instant(rs.getObject("created_at", OffsetDateTime.class)),
                    instant(rs.getObject("first_commit", OffsetDateTime.class)),
                    rs.getBoolean("rolled_back"),
                    rs.getLong("incidents") > 0))
        .list();
  }

  /** Incidents resolved in the period: opened and resolved. */
  public List<Restore> restores(Collection<String> products, Period period) {
    return jdbc.sql(
            "select i.opened_at, a.at from audit_events a join incidents i"
                + " on i.id = substring(a.subject, 10)"
                + " where a.at >= :from and a.at < :to and "
                + products("a.product", products)
                + " and a.action = 'incident.resolved' and a.subject like 'incident/%'")
        .param("products", products)
        .param("product", products.iterator().next())
        .param("from", Timestamps.toDb(period.from()))
        .param("to", Timestamps.toDb(period.to()))
        .query(
            (rs, n) ->
                new Restore(
                    instant(rs.getObject("opened_at", OffsetDateTime.class)),
                    instant(rs.getObject("at", OffsetDateTime.class))))
        .list();
  }

  /** The rationale of every no-go decision recorded in the period. */
  public List<String> noGoReasons(Collection<String> products, Period period) {
    List<String> out = new ArrayList<>();
    jdbc.sql(
            "select details from audit_events where at >= :from and at < :to and "
                + products("product", products)
                + " and action in ('decision.recorded', 'decision')")
        .param("products", products)
        .param("product", products.iterator().next())
        .param("from", Timestamps.toDb(period.from()))
        .param("to", Timestamps.toDb(period.to()))
        .query((rs, n) -> rs.getString("details"))
        .list()
        .forEach(
            d -> {
              JsonNode p = json(d);
              if ("no-go".equals(text(p, "decision"))) out.add(text(p, "rationale"));
            });
    return out;
  }

  /** Emergency freeze overrides used by a production deployment in the period. */
  public long overridesUsed(Collection<String> products, Period period) {
    return jdbc.sql(
            "select count(*) from audit_events where at >= :from and at < :to and "
                + products("product", products)
                + " and action = 'freeze-override.used'")
        .param("products", products)
        .param("product", products.iterator().next())
        .param("from", Timestamps.toDb(period.from()))
        .param("to", Timestamps.toDb(period.to()))
        .query(Long.class)
        .single();
  }

  /** Releases cancelled in the period. */
  public int cancelled(Collection<String> products, Period period) {
    return jdbc.sql(
            "select count(*) from audit_events where at >= :from and at < :to and "
                + products("product", products)
                + " and action in ('release.cancelled', 'release.cancel')")
        .param("products", products)
        .param("product", products.iterator().next())
        .param("from", Timestamps.toDb(period.from()))
        .param("to", Timestamps.toDb(period.to()))
        .query(Integer.class)
        .single();
  }

  /** The releases on which a step was done, a requirement met or a handoff acknowledged. */
  public List<String> releasesWithWaitsEnding(Collection<String> products, Period period) {
    return jdbc.sql(
            "select distinct release_id from audit_events where at >= :from and at < :to and "
                + products("product", products)
                + " and action in (:types)"
                + " and release_id is not null")
        .param("products", products)
        .param("product", products.iterator().next())
        .param("from", Timestamps.toDb(period.from()))
        .param("to", Timestamps.toDb(period.to()))
        .param("types", ENDING_TYPES)
        .query(String.class)
        .list();
  }

  /**
   * One audit row of a release's trail: its type, when, and from its payload the step, requirement
   * or handoff it names ({@code key}), the role handed to, a step's outcome (a decision's verdict)
   * and a planned release's process ({@code id@version}).
   */
  public record TrailRow(
      String release,
      String type,
      Instant at,
      String key,
      String role,
      String outcome,
      String process) {}

  /** When each release was created. */
  public java.util.Map<String, Instant> created(List<String> releases) {
    java.util.Map<String, Instant> out = new java.util.HashMap<>();
    for (int i = 0; i < releases.size(); i += CHUNK) {
      jdbc.sql("select id, created_at from releases where id in (:ids)")
          .param("ids", releases.subList(i, Math.min(releases.size(), i + CHUNK)))
          .query(
              rs -> {
                out.put(
                    rs.getString("id"), instant(rs.getObject("created_at", OffsetDateTime.class)));
              });
    }
    return out;
  }

  /**
   * The audit rows of these releases a wait is computed from, in order (sorted here: an "order by
   * seq" in the query lets a planner walk the whole log in sequence order instead of the index on
   * the releases' rows).
   */
  public List<TrailRow> trails(List<String> releases) {
    List<java.util.Map.Entry<Long, TrailRow>> out = new ArrayList<>();
    for (int i = 0; i < releases.size(); i += CHUNK) {
      out.addAll(
          jdbc.sql(
                  "select seq, release_id, action, at, details from audit_events"
                      + " where release_id in (:ids) and action in (:types)")
              .param("ids", releases.subList(i, Math.min(releases.size(), i + CHUNK)))
              .param("types", TRAIL_TYPES)
              .query(
                  (rs, n) -> {
                    JsonNode p = json(rs.getString("details"));
                    String key = text(p, "step");
                    if (key == null) key = text(p, "requirement");
                    if (key == null) key = text(p, "handoff");
                    return java.util.Map.entry(
                        rs.getLong("seq"),
                        new TrailRow(
                            rs.getString("release_id"),
                            rs.getString("action"),
                            instant(rs.getObject("at", OffsetDateTime.class)),
                            key,
                            text(p, "to"),
                            text(p, "outcome") != null ? text(p, "outcome") : text(p, "decision"),
                            text(p, "process")));
                  })
              .list());
    }
    out.sort(java.util.Map.Entry.comparingByKey());
    return out.stream().map(java.util.Map.Entry::getValue).toList();
  }

  /**
   * The condition on the products of a period's rows. One product: equality, which the (product,
   * time) index reads as one range. Several: a filter on the rows of the period, which is read by
   * the time index as one range ({@code coalesce} keeps the list from being an index condition: H2
   * cannot combine an {@code in} list on an index's first column with a range on its second and
   * would read every row of the products, the whole history, as EXPLAIN showed).
   */
  static String products(String column, Collection<String> products) {
    if (products.isEmpty()) throw new IllegalArgumentException("no products");
    return products.size() == 1
        ? column + " = :product"
        : "coalesce(" + column + ", '') in (:products)";
  }

  private static JsonNode json(String details) {
    try {
      return JSON.readTree(details == null ? "{}" : details);
    } catch (RuntimeException e) {
      return JSON.createObjectNode();
    }
  }

  static String text(JsonNode p, String field) {
    JsonNode v = p.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asString();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : Timestamps.fromDb(t);
  }
}
