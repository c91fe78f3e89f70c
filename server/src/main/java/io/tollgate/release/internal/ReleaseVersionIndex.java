package io.tollgate.release.internal;

import io.tollgate.release.SemanticVersion;
import java.util.List;
import java.util.Optional;
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

  ReleaseVersionIndex(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
          jdbc.sql(IN_USE + " and v_major = ? and v_minor = ? order by v_patch desc limit 100")
              .params(product, major, minor)
              .query(String.class)
              .list());
      versions.addAll(withNumbers(product, major, minor, patch));
    }
    return List.copyOf(versions);
  }

  /**
   * The versions in use with these numbers. Written as a range of one patch number, ordered by it,
   * not as an equality, on purpose: PostgreSQL may keep one plan per connection for a prepared
   * statement, made while the releases table was still empty and never analyzed (autovacuum off);
   * every index that starts with the product then costs the same, and for an equality on all four
   * columns it kept one that reads all of the product's releases (measured: 2.3 ms a release
   * creation, growing with the history, while the creation holds the product's lock). Only {@code
   * releases_product_version} gives this order, so it wins.
   */
  private List<String> withNumbers(
      String product,
      java.math.BigDecimal major,
      java.math.BigDecimal minor,
      java.math.BigDecimal patch) {
    return jdbc.sql(IN_LINE).params(product, major, minor, patch, patch).query(String.class).list();
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
