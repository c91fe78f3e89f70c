package io.tollgate.demo;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditStream;
import io.tollgate.demo.HistoryStory.Fate;
import io.tollgate.shared.Timestamps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
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

  private final JdbcTemplate jdbc;
  private final HistorySeeds reader;
  private final AuditLog audit;
  private final AuditStream stream;
  private final TransactionTemplate tx;
  private final boolean outbox;

  HistoryCopies(
      JdbcTemplate jdbc,
      HistorySeeds reader,
      AuditLog audit,
      AuditStream stream,
      TransactionTemplate tx,
      org.springframework.core.env.Environment env) {
    this.jdbc = jdbc;
    this.reader = reader;
    this.audit = audit;
    this.stream = stream;
    this.tx = tx;
    this.outbox = env.getProperty("tollgate.notify.enabled", Boolean.class, true);
  }

  /** A release to copy a seed into: where in the history, for which product, how far it got. */
  record Slot(Instant at, String product, Fate fate) {}

  /**
   * Writes a copy of a seed with the slot's fate into every slot, {@link #PER_TRANSACTION} a
   * transaction; no event after {@code end}. Answers how many were written.
   */
  int copy(List<Slot> slots, Map<Fate, List<String>> seedIds, Instant end, Random random) {
    if (slots.isEmpty()) return 0;
    awaitOutbox();
    Map<Fate, List<HistorySeeds.Seed>> seeds = new LinkedHashMap<>();
    seedIds.forEach((fate, ids) -> seeds.put(fate, ids.stream().map(reader::read).toList()));
    Map<String, Long> nextMajor = nextMajors();
    Map<String, Integer> copiesOf = new HashMap<>();
    Map<HistorySeeds.Table, List<Object[]>> batch = new LinkedHashMap<>();
    List<AuditEvent> events = new ArrayList<>();
    int written = 0;
    for (Slot slot : slots) {
      List<HistorySeeds.Seed> candidates = seeds.get(slot.fate());
      if (candidates == null || candidates.isEmpty()) {
        throw new IllegalStateException("no seed release is " + slot.fate());
      }
      HistorySeeds.Seed seed = candidates.get(random.nextInt(candidates.size()));
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
      for (HistorySeeds.Row row : seed.rows()) {
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

  private void flush(Map<HistorySeeds.Table, List<Object[]>> batch, List<AuditEvent> events) {
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

  private static boolean isReleases(HistorySeeds.Table t) {
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

  private static Object[] render(HistorySeeds.Row row, Duration shift, Map<String, String> tokens) {
    Object[] out = new Object[row.values().length];
    for (int i = 0; i < out.length; i++) {
      Object v = row.values()[i];
      if (v instanceof CopyText text) out[i] = text.render(shift, tokens);
      else if (v instanceof Instant at) out[i] = Timestamps.toDb(at.plus(shift));
      else out[i] = v;
    }
    return out;
  }

  private static void setVersionNumbers(
      HistorySeeds.Table releases, Object[] row, long major, int minor) {
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
}
