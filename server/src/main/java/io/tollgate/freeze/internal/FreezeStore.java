package io.tollgate.freeze.internal;

import io.tollgate.freeze.Freeze;
import io.tollgate.freeze.FreezeOverride;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The freezes, the products they cover, and their overrides. */
@Repository
public class FreezeStore {
  private static final String COLUMNS =
      "id, reason, starts_at, ends_at, rrule, time_zone, all_products, created_by, created_at";

  private final JdbcClient jdbc;

  FreezeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Freeze f) {
    jdbc.sql("insert into freezes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            f.id(),
            f.reason(),
            Timestamps.toDb(f.start()),
            Timestamps.toDb(f.end()),
            f.rrule(),
            f.zone().getId(),
            f.allProducts(),
            f.createdBy(),
            Timestamps.toDb(f.createdAt()))
        .update();
    for (String p : f.products()) {
      jdbc.sql("insert into freeze_products (freeze_id, product_key) values (?, ?)")
          .params(f.id(), p)
          .update();
    }
  }

  /** A freeze not deleted. */
  public Optional<Freeze> find(String id) {
    if (id == null || id.length() > 36) return Optional.empty();
    List<Freeze> found =
        withProducts(
            jdbc.sql("select " + COLUMNS + " from freezes where id = ? and deleted_at is null")
                .param(id)
                .query(FreezeStore::freeze)
                .list());
    return found.stream().findFirst();
  }

  /** A freeze, deleted or not (for the overrides granted against it). */
  public Optional<Freeze> findAny(String id) {
    if (id == null || id.length() > 36) return Optional.empty();
    return withProducts(
            jdbc.sql("select " + COLUMNS + " from freezes where id = ?")
                .param(id)
                .query(FreezeStore::freeze)
                .list())
        .stream()
        .findFirst();
  }

  /** Every freeze not deleted, oldest first. */
  public List<Freeze> all() {
    return withProducts(
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from freezes where deleted_at is null order by starts_at, id")
            .query(FreezeStore::freeze)
            .list());
  }

  /** The freezes not deleted that cover the product (those for every product included). */
  public List<Freeze> covering(String product) {
    return withProducts(
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from freezes f where f.deleted_at is null and (f.all_products or exists"
                    + " (select 1 from freeze_products p where p.freeze_id = f.id and"
                    + " p.product_key = ?)) order by starts_at, id")
            .param(product)
            .query(FreezeStore::freeze)
            .list());
  }

  public boolean delete(String id, Instant at) {
    return jdbc.sql("update freezes set deleted_at = ? where id = ? and deleted_at is null")
            .params(Timestamps.toDb(at), id)
            .update()
        == 1;
  }

  public void insert(FreezeOverride o) {
    jdbc.sql(
            "insert into freeze_overrides (id, freeze_id, release_id, product_key, reason, status,"
                + " requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            o.id(),
            o.freeze(),
            o.release(),
            o.product(),
            o.reason(),
            o.status(),
            o.requestedBy(),
            Timestamps.toDb(o.requestedAt()))
        .update();
  }

  /** The override, its row locked until the transaction ends. */
  public Optional<FreezeOverride> lockOverride(String id) {
    if (id == null || id.length() > 36) return Optional.empty();
    return jdbc.sql(
            "select id, freeze_id, release_id, product_key, reason, status, requested_by,"
                + " requested_at, approved_by, approved_at from freeze_overrides where id = ?"
                + " for update")
        .param(id)
        .query(FreezeStore::override)
        .optional();
  }

  public Optional<String> productOfOverride(String id) {
    if (id == null || id.length() > 36) return Optional.empty();
    return jdbc.sql("select product_key from freeze_overrides where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  public void approve(String id, String by, Instant at) {
    jdbc.sql(
            "update freeze_overrides set status = ?, approved_by = ?, approved_at = ? where id = ?")
        .params(FreezeOverride.APPROVED, by, Timestamps.toDb(at), id)
        .update();
  }

  /** The release's overrides, oldest first. */
  public List<FreezeOverride> ofRelease(String release) {
    return jdbc.sql(
            "select id, freeze_id, release_id, product_key, reason, status, requested_by,"
                + " requested_at, approved_by, approved_at from freeze_overrides where"
                + " release_id = ? order by requested_at, id")
        .param(release)
        .query(FreezeStore::override)
        .list();
  }

  private List<Freeze> withProducts(List<Freeze> freezes) {
    if (freezes.isEmpty()) return freezes;
    Map<String, Set<String>> products = new HashMap<>();
    List<String> ids = freezes.stream().map(Freeze::id).toList();
    jdbc.sql("select freeze_id, product_key from freeze_products where freeze_id in (:ids)")
        .param("ids", ids)
        .query(
            rs -> {
              products.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            });
    return freezes.stream()
        .map(
            f ->
                new Freeze(
                    f.id(),
                    f.reason(),
                    f.start(),
                    f.end(),
                    f.rrule(),
                    f.zone(),
                    products.getOrDefault(f.id(), Set.of()),
                    f.createdBy(),
                    f.createdAt()))
        .toList();
  }

  private static Freeze freeze(ResultSet rs, int n) throws SQLException {
    return new Freeze(
        rs.getString(1),
        rs.getString(2),
        instant(rs, 3),
        instant(rs, 4),
        rs.getString(5),
        ZoneId.of(rs.getString(6)),
        Set.of(),
        rs.getString(8),
        instant(rs, 9));
  }

  private static FreezeOverride override(ResultSet rs, int n) throws SQLException {
    return new FreezeOverride(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        instant(rs, 8),
        rs.getString(9),
        instant(rs, 10));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
    return v == null ? null : Timestamps.fromDb(v);
  }
}
