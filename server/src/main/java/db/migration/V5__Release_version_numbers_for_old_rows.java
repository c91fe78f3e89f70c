package db.migration;

import io.tollgate.release.SemanticVersion;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gives releases stored before V3 the numbers of their version (SQL cannot read a semantic
 * version), then records every product's highest version in use in {@code release_highest_versions}
 * (V4). Afterwards every release has numbers, so a new release's version is decided from indexed
 * columns alone.
 */
public class V5__Release_version_numbers_for_old_rows extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (PreparedStatement select =
            c.prepareStatement("select id, version from releases where v_major is null");
        PreparedStatement update =
            c.prepareStatement(
                "update releases set v_major = ?, v_minor = ?, v_patch = ? where id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        var parsed = SemanticVersion.parse(rs.getString("version"));
        if (parsed.isEmpty()) {
          continue; // every stored version was checked when planned; nothing to number otherwise
        }
        SemanticVersion v = parsed.get();
        update.setBigDecimal(1, new BigDecimal(v.major()));
        update.setBigDecimal(2, new BigDecimal(v.minor()));
        update.setBigDecimal(3, new BigDecimal(v.patch()));
        update.setString(4, rs.getString("id"));
        update.executeUpdate();
      }
    }
    Map<String, BigDecimal[]> highest = new LinkedHashMap<>();
    try (PreparedStatement select =
            c.prepareStatement(
                "select product_key, v_major, v_minor, v_patch from releases"
                    + " where active_version is not null and v_major is not null");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        BigDecimal[] numbers = {
          rs.getBigDecimal("v_major"), rs.getBigDecimal("v_minor"), rs.getBigDecimal("v_patch")
        };
        highest.merge(rs.getString("product_key"), numbers, (a, b) -> compare(a, b) >= 0 ? a : b);
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into release_highest_versions (product_key, v_major, v_minor, v_patch)"
                + " values (?, ?, ?, ?)")) {
      for (Map.Entry<String, BigDecimal[]> e : highest.entrySet()) {
        insert.setString(1, e.getKey());
        insert.setBigDecimal(2, e.getValue()[0]);
        insert.setBigDecimal(3, e.getValue()[1]);
        insert.setBigDecimal(4, e.getValue()[2]);
        insert.executeUpdate();
      }
    }
  }

  private static int compare(BigDecimal[] a, BigDecimal[] b) {
    for (int i = 0; i < 3; i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
