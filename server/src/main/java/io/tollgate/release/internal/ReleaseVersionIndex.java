package io.tollgate.release.internal;

import io.tollgate.release.SemanticVersion;
import io.tollgate.shared.db.Databases;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which versions of a product are in use, as numbers: the {@code v_major/v_minor/v_patch} and
 * {@code active_version} columns of the releases table and the {@code release_highest_versions} row
 * per product that numbering new releases reads instead of the product's history.
 */
@Repository
public class ReleaseVersionIndex {
  private static final String IN_USE =
      "select active_version from releases where product_key = ? and active_version is not null";

  /** {@link #withNumbers}'s statement. */
  static final String IN_LINE =
      IN_USE
          + " and v_major = ? and v_minor = ? and v_patch >= ? and v_patch <= ? order by v_patch";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ReleaseVersionIndex(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /**
   * The versions in use that decide a new release's version: those with the highest numbers, those
   * in the requested version's major.minor line and those with the same numbers as the requested
   * one. The highest numbers come from {@code release_highest_versions}, one row per product kept
   * in step by {@link ReleaseStore#insert} and {@link #versionFreed}, so proposing a version does
   * not read the product's history.
   */
  public List<String> versionsThatMatter(String product, SemanticVersion requested) {
    java.util.Set<String> versions = new java.util.LinkedHashSet<>();
    highest(product)
        .ifPresent(h -> versions.addAll(withNumbers(product, h.major(), h.minor(), h.patch())));
    if (requested != null) {
      java.math.BigDecimal major = new java.math.BigDecimal(requested.major());
      java.math.BigDecimal minor = new java.math.BigDecimal(requested.minor());
      java.math.BigDecimal patch = new java.math.BigDecimal(requested.patch());
      versions.addAll(
          versions(
              IN_USE + " and v_major = ? and v_minor = ? order by v_patch desc limit 100",
              product,
              major,
              minor));
      versions.addAll(withNumbers(product, major, minor, patch));
    }
    return List.copyOf(versions);
  }

  /**
   * The versions in use with these numbers, planned afresh on each call ({@link
   * Databases#plannedEachTime}). PostgreSQL keeps one plan per connection for a prepared statement
   * after five executions; made while the releases table was small and never analyzed (autovacuum
   * off), every index that starts with the product costs about the same, and the one it kept,
   * {@code releases_product_window}, reads all of the product's releases (measured on two nodes:
   * 1,595 of 1,989 lookups read it, 1,900 entries each, 2.1 ms a lookup, while the creation holds
   * the product's lock). Written as a range of one patch number ordered by it, it was meant to make
   * {@code releases_product_version} win even so: that held on an empty table, not on a small one.
   * Planned with the values, the version index wins at every size.
   */
  private List<String> withNumbers(
      String product,
      java.math.BigDecimal major,
      java.math.BigDecimal minor,
      java.math.BigDecimal patch) {
    return versions(IN_LINE, product, major, minor, patch, patch);
  }

  /** The versions a statement of {@link #IN_USE} answers, planned with its values each time. */
  private List<String> versions(String sql, Object... params) {
    return template.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(sql);
          Databases.plannedEachTime(ps);
          for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
          return ps;
        },
        (rs, n) -> rs.getString(1));
  }

  /** A version's numbers as the columns hold them. */
  record Numbers(java.math.BigDecimal major, java.math.BigDecimal minor, java.math.BigDecimal patch)
      implements Comparable<Numbers> {
    static Numbers of(String version) {
      SemanticVersion v = SemanticVersion.parse(version).orElseThrow();
      return new Numbers(
          new java.math.BigDecimal(v.major()),
          new java.math.BigDecimal(v.minor()),
          new java.math.BigDecimal(v.patch()));
    }

    static Numbers read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
      return new Numbers(
          rs.getBigDecimal("v_major"), rs.getBigDecimal("v_minor"), rs.getBigDecimal("v_patch"));
    }

    @Override
    public int compareTo(Numbers o) {
      int c = major.compareTo(o.major);
      if (c == 0) c = minor.compareTo(o.minor);
      return c != 0 ? c : patch.compareTo(o.patch);
    }
  }

  private Optional<Numbers> highest(String product) {
    return jdbc.sql(
            "select v_major, v_minor, v_patch from release_highest_versions where product_key = ?")
        .param(product)
        .query(Numbers::read)
        .optional();
  }

  /** Records a version now in use as the product's highest if it is (caller holds the product). */
  void raiseHighest(String product, Numbers version) {
    Optional<Numbers> current = highest(product);
    if (current.isEmpty()) {
      jdbc.sql(
              "insert into release_highest_versions (product_key, v_major, v_minor, v_patch)"
                  + " values (?, ?, ?, ?)")
          .params(product, version.major(), version.minor(), version.patch())
          .update();
    } else if (version.compareTo(current.get()) > 0) {
      setHighest(product, version);
    }
  }

  private void setHighest(String product, Numbers version) {
    jdbc.sql(
            "update release_highest_versions set v_major = ?, v_minor = ?, v_patch = ?"
                + " where product_key = ?")
        .params(version.major(), version.minor(), version.patch(), product)
        .update();
  }

  /**
   * A release stopped using its version (cancelled): if it had the product's highest numbers, the
   * highest is found again among the releases still in use. The caller holds the product's lock, so
   * no release is planned meanwhile. Rare, so it may read the product's history.
   */
  public void versionFreed(String product, String version) {
    Optional<Numbers> current = highest(product);
    if (current.isEmpty() || current.get().compareTo(Numbers.of(version)) != 0) {
      return;
    }
    Optional<Numbers> next =
        jdbc.sql(
                "select v_major, v_minor, v_patch from releases where product_key = ?"
                    + " and active_version is not null"
                    + " order by v_major desc, v_minor desc, v_patch desc limit 1")
            .param(product)
            .query(Numbers::read)
            .optional();
    if (next.isPresent()) {
      setHighest(product, next.get());
    } else {
      jdbc.sql("delete from release_highest_versions where product_key = ?")
          .param(product)
          .update();
    }
  }
}
