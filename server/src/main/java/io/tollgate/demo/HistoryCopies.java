package io.tollgate.demo;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditStream;
import io.tollgate.demo.HistoryStory.Fate;
import io.tollgate.shared.Timestamps;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk half of the large history: copies of seed releases (written through the commands by
 * {@link HistoryStory}) at other moments, for other products, with their own ids and versions, in
 * large batches. A copy is everything its seed left, moved by the copy's shift: the release row
 * (its document and every column the pages read: status, the overview and window columns), its
 * incidents, deployments and handoff clocks, and its audit events, appended through {@link
 * AuditLog#appendPast} so that each is chained, hashed and MACed as every other event (the chain
 * verifies afterwards). The notification outbox's cursor moves over the copies' events in the same
 * transaction: the past is not notified (the copies have no inbox rows).
 */
@Component
@ConditionalOnProperty("tollgate.demo.history")
class HistoryCopies {
  /** The notification outbox's cursor (io.tollgate.notify): moved over the copies' events. */
  static final String OUTBOX = "notify-outbox";

  /** Copies written in one transaction. */
  static final int PER_TRANSACTION = 500;

  /** The rows of a seed release besides its own, by table; each table's rows name the release. */
  private static final List<String> TABLES =
      List.of("incidents", "deployments", "notify_handoff_clocks");

  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final AuditStream stream;
  private final TransactionTemplate tx;
  private final boolean outbox;

  HistoryCopies(
      JdbcTemplate jdbc,
      AuditLog audit,
      AuditStream stream,
      TransactionTemplate tx,
      org.springframework.core.env.Environment env) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.stream = stream;
    this.tx = tx;
    this.outbox = env.getProperty("tollgate.notify.enabled", Boolean.class, true);
  }

  /** A release to copy a seed into: where in the history, for which product, how far it got. */
  record Slot(Instant at, String product, Fate fate) {}

  /** A column's value in a seed row: kept, a moment (moved) or a text (rendered). */
  private record Table(String name, List<String> columns) {
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

  private record Row(Table table, Object[] values) {}

  /** A seed read once: its rows and events cut into {@link CopyText}s. */
  private record Seed(
      String id,
      String product,
      String version,
      Instant planned,
      Instant last,
      Row release,
      List<Row> rows,
      List<Object[]> events,
      List<String> incidents) {}

  /**
   * Writes a copy of a seed with the slot's fate into every slot, {@link #PER_TRANSACTION} a
   * transaction; no event after {@code end}. Answers how many were written.
   */
  int copy(List<Slot> slots, Map<Fate, List<String>> seedIds, Instant end, Random random) {
    if (slots.isEmpty()) return 0;
    awaitOutbox();
    Map<Fate, List<Seed>> seeds = new LinkedHashMap<>();
    seedIds.forEach((fate, ids) -> seeds.put(fate, ids.stream().map(this::read).toList()));
    Map<String, Long> nextMajor = nextMajors();
    Map<String, Integer> copiesOf = new HashMap<>();
    Map<Table, List<Object[]>> batch = new LinkedHashMap<>();
    List<AuditEvent> events = new ArrayList<>();
    int written = 0;
    for (Slot slot : slots) {
      List<Seed> candidates = seeds.get(slot.fate());
      if (candidates == null || candidates.isEmpty()) {
        throw new IllegalStateException("no seed release is " + slot.fate());
      }
      Seed seed = candidates.get(random.nextInt(candidates.size()));
      Duration shift = Duration.between(seed.planned(), slot.at());
      Instant latest = end.minusSeconds(60);
      if (seed.last().plus(shift).isAfter(latest)) shift = Duration.between(seed.last(), latest);
      int k = copiesOf.merge(slot.product(), 1, Integer::sum) - 1;
      long major = nextMajor.getOrDefault(slot.product(), 1L) + k / 100;
      String version = major + "." + (k % 100) + ".0";
      Map<String, String> tokens = new HashMap<>();
      String id = uuid(random);
      tokens.put(seed.id(), id);
      tokens.put(seed.product(), slot.product());
      tokens.put(seed.version(), version);
      for (String incident : seed.incidents()) tokens.put(incident, uuid(random));
      Object[] release = render(seed.release(), shift, tokens);
      setVersionNumbers(seed.release().table(), release, major, k % 100);
      batch.computeIfAbsent(seed.release().table(), t -> new ArrayList<>()).add(release);
      for (Row row : seed.rows()) {
        batch.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(render(row, shift, tokens));
      }
      for (Object[] e : seed.events()) events.add(event(e, id, shift, tokens));
      written++;
      if (written % PER_TRANSACTION == 0 || written == slots.size()) {
        flush(batch, events);
        batch.clear();
        events.clear();
      }
    }
    updateHighestVersions();
    return written;
  }

  private void flush(Map<Table, List<Object[]>> batch, List<AuditEvent> events) {
    tx.executeWithoutResult(
        s -> {
          // releases first: the other rows refer to them
          batch.entrySet().stream()
              .sorted((a, b) -> Boolean.compare(!isReleases(a.getKey()), !isReleases(b.getKey())))
              .forEach(e -> jdbc.batchUpdate(e.getKey().insert(), e.getValue()));
          long head = audit.appendPast(events);
          if (outbox) stream.advance(OUTBOX, head);
        });
  }

  private static boolean isReleases(Table t) {
    return t.name().equals("releases");
  }

  /**
   * Waits until the notification outbox has read every event so far (the seeds'), so that moving
   * its cursor over the copies skips nothing else; not when notifications are off.
   */
  private void awaitOutbox() {
    if (!outbox) return;
    long head = audit.latestSeq();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (stream.position(OUTBOX) < head) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The notification outbox did not read the seed releases");
      }
      try {
        Thread.sleep(50); // polling the outbox's progress, with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private Seed read(String id) {
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

  private static Object[] render(Row row, Duration shift, Map<String, String> tokens) {
    Object[] out = new Object[row.values().length];
    for (int i = 0; i < out.length; i++) {
      Object v = row.values()[i];
      if (v instanceof CopyText text) out[i] = text.render(shift, tokens);
      else if (v instanceof Instant at) out[i] = Timestamps.toDb(at.plus(shift));
      else out[i] = v;
    }
    return out;
  }

  private static void setVersionNumbers(Table releases, Object[] row, long major, int minor) {
    List<String> columns = releases.columns();
    row[columns.indexOf("v_major")] = BigDecimal.valueOf(major);
    row[columns.indexOf("v_minor")] = BigDecimal.valueOf(minor);
    row[columns.indexOf("v_patch")] = BigDecimal.ZERO;
  }

  private static AuditEvent event(
      Object[] e, String release, Duration shift, Map<String, String> tokens) {
    return new AuditEvent(
        0,
        ((Instant) e[0]).plus(shift),
        (String) e[1],
        (String) e[2],
        ((CopyText) e[3]).render(shift, tokens),
        release,
        ((CopyText) e[7]).render(shift, tokens),
        null,
        null,
        (String) e[4],
        e[5] == null ? null : ((CopyText) e[5]).render(shift, tokens),
        (Integer) e[6]);
  }

  /** Each product's next major version above what the seeds took. */
  private Map<String, Long> nextMajors() {
    Map<String, Long> out = new HashMap<>();
    jdbc.query(
        "select product_key, max(v_major) as m from releases group by product_key",
        rs -> {
          BigDecimal m = rs.getBigDecimal("m");
          out.put(rs.getString("product_key"), m == null ? 1 : m.longValue() + 1);
        });
    return out;
  }

  /** release_highest_versions again from the releases in use (the copies are above the seeds). */
  private void updateHighestVersions() {
    tx.executeWithoutResult(
        s -> {
          for (String product :
              jdbc.queryForList("select product_key from products", String.class)) {
            List<Map<String, Object>> top =
                jdbc.queryForList(
                    "select v_major, v_minor, v_patch from releases where product_key = ?"
                        + " and active_version is not null and v_major is not null"
                        + " order by v_major desc, v_minor desc, v_patch desc limit 1",
                    product);
            if (top.isEmpty()) continue;
            Map<String, Object> v = top.get(0);
            int updated =
                jdbc.update(
                    "update release_highest_versions set v_major = ?, v_minor = ?, v_patch = ?"
                        + " where product_key = ?",
                    v.get("v_major"),
                    v.get("v_minor"),
                    v.get("v_patch"),
                    product);
            if (updated == 0) {
              jdbc.update(
                  "insert into release_highest_versions (product_key, v_major, v_minor, v_patch)"
                      + " values (?, ?, ?, ?)",
                  product,
                  v.get("v_major"),
                  v.get("v_minor"),
                  v.get("v_patch"));
            }
          }
        });
  }

  /** A random (version 4) UUID from the history's seeded random: the same seed, the same ids. */
  private static String uuid(Random random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : Timestamps.fromDb(t);
  }
}
