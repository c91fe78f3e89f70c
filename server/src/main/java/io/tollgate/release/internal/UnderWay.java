package io.tollgate.release.internal;

import io.tollgate.release.ReleaseData;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The releases under way, read a page at a time through the overview columns kept beside each
 * document ({@link io.tollgate.release.Overview}), so that what the board costs depends on what it
 * shows, not on how many releases there are. Documents come through {@link ReleaseStore#current},
 * from its cache when it holds the stored revision.
 */
@Repository
public class UnderWay {
  /**
   * The products of the releases under way as a filter, not an index condition: H2 reads an {@code
   * in} list on an index's first column as every row of those products, the whole history; the
   * releases under way are read through the indexes that start with {@code is_active} (V122), which
   * hold the product, status, revision and order, so a count or a page reads the index alone.
   */
  private static final String PRODUCTS = "coalesce(product_key, '') in (:products)";

  private final JdbcClient jdbc;
  private final ReleaseStore store;

  UnderWay(JdbcClient jdbc, ReleaseStore store) {
    this.jdbc = jdbc;
    this.store = store;
  }

  /**
   * Which releases under way: on these products, in this status (null: any), and when {@code
   * waitingOn} is not null only those waiting on one of the roles the caller holds on their product
   * (product key to roles).
   */
  public record Filter(
      Collection<String> products, String status, Map<String, Set<String>> waitingOn) {
    public Filter {
      products = List.copyOf(products);
      waitingOn = waitingOn == null ? null : Map.copyOf(waitingOn);
    }
  }

  /** One page, newest first. */
  public List<ReleaseData> page(Filter filter, int offset, int limit) {
    if (filter.products().isEmpty()) return List.of();
    Map<String, Object> params = new HashMap<>();
    String where = where(filter, params);
    params.put("limit", limit);
    params.put("offset", (long) offset);
    return documents(
        "select id, revision from releases where "
            + where
            // is_active, constant here, leads the order so that H2 reads releases_active_newest in
            // its order and stops after the page instead of sorting every release under way
            + " order by is_active, created_at desc, id desc limit :limit offset :offset",
        params);
  }

  /**
   * How many releases match, counting at most {@code upTo}: the count reads no more index entries
   * than that, whatever the number of releases under way.
   */
  public long count(Filter filter, long upTo) {
    if (filter.products().isEmpty()) return 0;
    Map<String, Object> params = new HashMap<>();
    String where = where(filter, params);
    params.put("upTo", upTo);
    return jdbc.sql(
            "select count(*) from (select 1 from releases where " + where + " limit :upTo) r")
        .params(params)
        .query(Long.class)
        .single();
  }

  /** The newest releases under way blocked by a failed step (the release itself not failed). */
  public List<ReleaseData> withFailedStep(Collection<String> products, int limit) {
    if (products.isEmpty()) return List.of();
    return documents(
        "select id, revision from releases where failed_step and is_active and "
            + PRODUCTS
            + " order by created_at desc, id desc limit :limit",
        Map.of("products", List.copyOf(products), "limit", limit));
  }

  /** Releases in these statuses whose window started before {@code now}, soonest first. */
  public List<ReleaseData> windowStarted(
      Collection<String> products, Collection<String> statuses, Instant now, int limit) {
    if (products.isEmpty() || statuses.isEmpty()) return List.of();
    return documents(
        "select id, revision from releases where is_active and window_start < :now"
            + " and status in (:statuses) and "
            + PRODUCTS
            + " order by window_start, id limit :limit",
        Map.of(
            "now",
            Timestamps.toDb(now),
            "statuses",
            List.copyOf(statuses),
            "products",
            List.copyOf(products),
            "limit",
            limit));
  }

  /** Per product, the environments a release of it is being deployed to now. */
  public Map<String, Set<String>> deploying(Collection<String> products) {
    if (products.isEmpty()) return Map.of();
    Map<String, Set<String>> out = new HashMap<>();
    jdbc.sql(
            "select product_key, deploying from releases where deploying is not null"
                + " and product_key in (:products)")
        .param("products", List.copyOf(products))
        .query(
            (rs, n) -> {
              Set<String> envs = out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>());
              for (String e : rs.getString(2).split(",")) if (!e.isEmpty()) envs.add(e);
              return null;
            })
        .list();
    return out;
  }

  /** Active releases whose overview is not known yet (written before it was kept): their ids. */
  public List<String> unknownOverviews(int limit) {
    return jdbc.sql(
            "select id from releases where waiting_roles = '?' order by created_at limit :limit")
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  private static String where(Filter filter, Map<String, Object> params) {
    StringBuilder where = new StringBuilder("is_active and " + PRODUCTS);
    params.put("products", filter.products());
    if (filter.status() != null) {
      where.append(" and status = :status");
      params.put("status", filter.status());
    }
    if (filter.waitingOn() != null) {
      List<String> anyOf = new ArrayList<>();
      anyOf.add("waiting_roles = '?'");
      int i = 0;
      for (Map.Entry<String, Set<String>> e : new LinkedHashMap<>(filter.waitingOn()).entrySet()) {
        if (e.getValue().isEmpty() || !filter.products().contains(e.getKey())) continue;
        List<String> roles = new ArrayList<>();
        for (String role : new TreeSet<>(e.getValue())) {
          String name = "r" + i++;
          roles.add("waiting_roles like :" + name);
          params.put(name, "%," + role.replace("%", "").replace("_", "\\_") + ",%");
        }
        String product = "p" + i++;
        params.put(product, e.getKey());
        anyOf.add("(product_key = :" + product + " and (" + String.join(" or ", roles) + "))");
      }
      where.append(" and (").append(String.join(" or ", anyOf)).append(")");
    }
    return where.toString();
  }

  private List<ReleaseData> documents(String sql, Map<String, Object> params) {
    record Row(String id, long revision) {}
    return jdbc
        .sql(sql)
        .params(params)
        .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .map(r -> store.current(r.id(), r.revision()))
        .toList();
  }
}
