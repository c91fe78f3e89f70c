package io.tollgate.demo;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a seed release of the large history once for {@link HistoryCopies}: its row, the rows of
 * other tables that name it, and its audit events, with every text cut around the seed's ids,
 * product and version ({@link CopyText}) and every moment as an instant, so that a copy is a
 * rendering of these with other ids at another moment.
 */
@Component
@ConditionalOnProperty("tollgate.demo.history")
class HistorySeeds {
  /** The rows of a seed release besides its own, by table; each table's rows name the release. */
  private static final List<String> TABLES =
      List.of("incidents", "deployments", "notify_handoff_clocks");

  /** A table and the columns of a seed row of it (its generated key left out: a copy gets one). */
  record Table(String name, List<String> columns) {
    String insert() {
      return "insert into "
          + name
          + " ("
          + String.join(", ", columns)
          + ") values ("
          + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
          + ")";
    }
  }

  /** A seed row: each value kept, a moment (an instant, moved) or a text ({@link CopyText}). */
  record Row(Table table, Object[] values) {}

  /** A seed read once: its rows and events cut into {@link CopyText}s. */
  record Seed(
      String id,
      String product,
      String version,
      Instant planned,
      Instant last,
      Row release,
      List<Row> rows,
      List<Object[]> events,
      List<String> incidents) {}

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  HistorySeeds(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** The seed release's rows and events, its texts cut around its ids, product and version. */
  Seed read(String id) {
    Row release = rows("releases", "id", id).get(0);
    List<Row> plain = new ArrayList<>();
    for (String table : TABLES) plain.addAll(rows(table, "release_id", id));
    Map<String, Object> r =
        jdbc.queryForMap("select product_key, version from releases where id = ?", id);
    String product = (String) r.get("product_key");
    String version = (String) r.get("version");
    Instant planned =
        jdbc.queryForObject(
            "select created_at from releases where id = ?",
            (rs, n) -> instant(rs.getObject(1, OffsetDateTime.class)),
            id);
    List<String> incidents =
        jdbc.queryForList("select id from incidents where release_id = ?", String.class, id);
    List<String> tokens = new ArrayList<>(incidents);
    tokens.add(id);
    tokens.add(product);
    tokens.add(version);
    Pattern pattern = CopyText.pattern(tokens);
    Instant[] last = {planned};
    Row cutRelease = cut(release, pattern, last);
    List<Row> cutRows = plain.stream().map(row -> cut(row, pattern, last)).toList();
    List<Object[]> events = new ArrayList<>();
    for (AuditEvent e : audit.forRelease(id)) {
      if (e.at().isAfter(last[0])) last[0] = e.at();
      events.add(
          new Object[] {
            e.at(),
            e.actor(),
            e.action(),
            CopyText.of(e.subject(), pattern),
            e.actorKind(),
            CopyText.of(e.product(), pattern),
            e.payloadVersion(),
            CopyText.of(e.details(), pattern)
          });
    }
    return new Seed(id, product, version, planned, last[0], cutRelease, cutRows, events, incidents);
  }

  /** The row with its texts cut and its moments as instants; {@code last} keeps the latest. */
  private static Row cut(Row row, Pattern pattern, Instant[] last) {
    Object[] values = row.values().clone();
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof String text) values[i] = CopyText.of(text, pattern);
      else if (values[i] instanceof Instant at && at.isAfter(last[0])) last[0] = at;
    }
    return new Row(row.table(), values);
  }

  private List<Row> rows(String table, String key, String id) {
    return jdbc.query(
        "select * from " + table + " where " + key + " = ?",
        (ResultSet rs, int n) -> {
          ResultSetMetaData meta = rs.getMetaData();
          List<String> columns = new ArrayList<>();
          List<Object> values = new ArrayList<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (meta.isAutoIncrement(c)) continue; // the copy gets its own
            columns.add(meta.getColumnName(c).toLowerCase(java.util.Locale.ROOT));
            values.add(value(rs, meta, c));
          }
          return new Row(new Table(table, columns), values.toArray());
        },
        id);
  }

  private static Object value(ResultSet rs, ResultSetMetaData meta, int c) throws SQLException {
    return switch (meta.getColumnType(c)) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
          instant(rs.getObject(c, OffsetDateTime.class));
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR ->
          rs.getString(c);
      default -> rs.getObject(c);
    };
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : Timestamps.fromDb(t);
  }
}
