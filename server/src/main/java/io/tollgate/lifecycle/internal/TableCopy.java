package io.tollgate.lifecycle.internal;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies tables from one database to another whose schema the same migrations made: in the order
 * their foreign keys need (a referenced table before the tables that reference it), rows in batches
 * of inserts, then identity columns continued after the copied rows.
 */
final class TableCopy {
  private static final String HISTORY = "flyway_schema_history";

  private final Connection source;
  private final Connection target;
  private final int batch;
  private final PrintStream out;
  private final String schema;
  private final Map<String, Long> copied = new LinkedHashMap<>();

  TableCopy(Connection source, Connection target, int batch, PrintStream out) throws SQLException {
    this.source = source;
    this.target = target;
    this.batch = batch;
    this.out = out;
    try (Statement s = target.createStatement();
        ResultSet rs = s.executeQuery("select current_schema()")) {
      rs.next();
      this.schema = rs.getString(1);
    }
  }

  /** The target's tables, each after every table it references (Flyway's history left out). */
  List<String> tablesInOrder() throws SQLException {
    DatabaseMetaData meta = target.getMetaData();
    Map<String, Set<String>> references = new TreeMap<>();
    try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME");
        if (!table.equals(HISTORY)) references.put(table, new TreeSet<>());
      }
    }
    for (String table : references.keySet()) {
      try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
        while (rs.next()) {
          String referenced = rs.getString("PKTABLE_NAME");
          if (!referenced.equals(table)) references.get(table).add(referenced);
        }
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new TreeSet<>();
    while (order.size() < references.size()) {
      boolean progress = false;
      for (var e : references.entrySet()) {
        if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
          order.add(e.getKey());
          placed.add(e.getKey());
          progress = true;
        }
      }
      if (!progress) {
        throw new MoveToPostgres.Refusal(
            "The tables' foreign keys form a cycle; no order copies them: " + references);
      }
    }
    return order;
  }

  /** Deletes the rows the target's migrations inserted into a table. */
  void empty(String table) throws SQLException {
    try (Statement s = target.createStatement()) {
      s.executeUpdate("delete from " + quoted(table));
    }
  }

  /** Copies one table's rows, printing progress. */
  void copy(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    try (ResultSet rs = target.getMetaData().getColumns(null, schema, table, "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
        types.add(rs.getInt("DATA_TYPE"));
      }
    }
    String names = String.join(", ", columns.stream().map(TableCopy::quoted).toList());
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    long rows = 0;
    try (Statement read = source.createStatement();
        ResultSet rs = read.executeQuery("select " + names + " from " + quoted(table));
        PreparedStatement insert =
            target.prepareStatement(
                "insert into " + quoted(table) + " (" + names + ") values (" + marks + ")")) {
      read.setFetchSize(batch);
      int pending = 0;
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          Object value = portable(rs.getObject(i + 1));
          if (value == null) insert.setNull(i + 1, types.get(i));
          else insert.setObject(i + 1, value);
        }
        insert.addBatch();
        rows++;
        if (++pending == batch) {
          insert.executeBatch();
          pending = 0;
          if (rows % (batch * 20L) == 0) out.printf("  %-32s %,d rows …%n", table, rows);
        }
      }
      if (pending > 0) insert.executeBatch();
    }
    copied.put(table, rows);
    out.printf("  %-32s %,d rows%n", table, rows);
  }

  /**
   * Sets each identity column's sequence past the copied rows (and past H2's own next value, so an
   * id handed out and then deleted is not handed out again).
   */
  void continueIdentities() throws SQLException {
    List<String[]> identities = new ArrayList<>();
    try (Statement s = target.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select table_name, column_name from information_schema.columns"
                    + " where table_schema = current_schema() and is_identity = 'YES'")) {
      while (rs.next()) identities.add(new String[] {rs.getString(1), rs.getString(2)});
    }
    for (String[] id : identities) {
      long next = Math.max(maxPlusOne(id[0], id[1]), h2Base(id[0], id[1]));
      try (PreparedStatement set =
          target.prepareStatement("select setval(pg_get_serial_sequence(?, ?), ?, false)")) {
        set.setString(1, quoted(id[0]));
        set.setString(2, id[1]);
        set.setLong(3, next);
        set.execute();
      }
      out.printf("  %-32s next %s %,d%n", id[0], id[1], next);
    }
  }

  private long maxPlusOne(String table, String column) throws SQLException {
    try (Statement s = target.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select coalesce(max(" + quoted(column) + "), 0) + 1 from " + quoted(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** H2's next value of the identity column, or 0 if H2 does not say. */
  private long h2Base(String table, String column) {
    try (PreparedStatement s =
        source.prepareStatement(
            "select identity_base from information_schema.columns"
                + " where lower(table_name) = ? and lower(column_name) = ?"
                + " and table_schema = current_schema()")) {
      s.setString(1, table);
      s.setString(2, column);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      return 0;
    }
  }

  /** Each table whose row count differs between the databases, with both counts. */
  List<String> compareCounts(List<String> tables) throws SQLException {
    List<String> mismatches = new ArrayList<>();
    for (String table : tables) {
      long from = count(source, table);
      long to = count(target, table);
      if (from != to) mismatches.add(table + " (H2 " + from + ", PostgreSQL " + to + ")");
    }
    return mismatches;
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + quoted(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** H2's large objects as their text or bytes (PostgreSQL would take them as large objects). */
  private static Object portable(Object value) throws SQLException {
    if (value instanceof java.sql.Clob clob) {
      return clob.getSubString(1, Math.toIntExact(clob.length()));
    }
    if (value instanceof java.sql.Blob blob) {
      return blob.getBytes(1, Math.toIntExact(blob.length()));
    }
    return value;
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
