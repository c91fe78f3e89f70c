package io.tollgate.release.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.release.ReleaseData;
import io.tollgate.release.SemanticVersion;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The releases table: the aggregate state as one JSON document, plus the columns lists filter on.
 */
@Repository
public class ReleaseStore {
  private final JdbcClient jdbc;
  private final JsonMapper json;
  // Parsed documents by release id; a copy is used only while its revision is the stored one,
  // and only committed states go in, so a rolled-back revision is never served. Bounded to what is
  // worked on at once: each entry is a parsed document (tens of kB), and a larger cache mostly
  // holds closed releases that are read as rendered JSON anyway, at the cost of a larger old
  // generation for every young collection to scan.
  private final Cache<String, ReleaseData> documents =
      Caffeine.newBuilder().maximumSize(2_000).build();
  // Which revision is current, for reads. This node's own commits update it at once; changes made
  // on other nodes arrive through the audit log's tail (a quarter of a second) and, at worst,
  // when an entry expires. Commands never use it: they lock the row and read its revision.
  private final Cache<String, Head> heads =
      Caffeine.newBuilder()
          .expireAfterWrite(java.time.Duration.ofSeconds(1))
          .maximumSize(10_000)
          .build();

  ReleaseStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Inserts a new release; the caller holds the product's lock (see {@link #versionFreed}). */
  public void insert(ReleaseData data, String status, Instant now) {
    Numbers numbers = Numbers.of(data.version());
    jdbc.sql(
            "insert into releases (id, product_key, version, active_version, release_type, status, created_at,"
                + " updated_at, revision, document, v_major, v_minor, v_patch)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            data.id(),
            data.product(),
            data.version(),
            data.cancellation() == null ? data.version() : null,
            data.type(),
            status,
            Timestamps.toDb(data.createdAt()),
            Timestamps.toDb(now),
            data.revision(),
            io.tollgate.shared.Limits.document("release", json.writeValueAsString(data)),
            numbers.major(),
            numbers.minor(),
            numbers.patch())
        .update();
    if (data.cancellation() == null) {
      raiseHighest(data.product(), numbers);
    }
  }

  /**
   * The versions in use that decide a new release's version: those with the highest numbers, those
   * in the requested version's major.minor line and those with the same numbers as the requested
   * one. The highest numbers come from {@code release_highest_versions}, one row per product kept
   * in step by {@link #insert} and {@link #versionFreed}, so proposing a version does not read the
   * product's history.
   */
  public List<String> versionsThatMatter(String product, SemanticVersion requested) {
    String base =
        "select active_version from releases where product_key = ? and active_version is not null";
    java.util.Set<String> versions = new java.util.LinkedHashSet<>();
    highest(product)
        .ifPresent(
            h ->
                versions.addAll(
                    jdbc.sql(base + " and v_major = ? and v_minor = ? and v_patch = ?")
                        .params(product, h.major(), h.minor(), h.patch())
                        .query(String.class)
                        .list()));
    if (requested != null) {
      java.math.BigDecimal major = new java.math.BigDecimal(requested.major());
      java.math.BigDecimal minor = new java.math.BigDecimal(requested.minor());
      versions.addAll(
          jdbc.sql(base + " and v_major = ? and v_minor = ? order by v_patch desc limit 100")
              .params(product, major, minor)
              .query(String.class)
              .list());
      versions.addAll(
          jdbc.sql(base + " and v_major = ? and v_minor = ? and v_patch = ?")
              .params(product, major, minor, new java.math.BigDecimal(requested.patch()))
              .query(String.class)
              .list());
    }
    return List.copyOf(versions);
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
  private void raiseHighest(String product, Numbers version) {
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

  /** Saves a changed release if nobody saved it since {@code expectedRevision}; false otherwise. */
  public boolean update(ReleaseData data, String status, long expectedRevision, Instant now) {
    return jdbc.sql(
                "update releases set status = ?, active_version = ?, updated_at = ?, revision = ?, document = ?"
                    + " where id = ? and revision = ?")
            .params(
                status,
                data.cancellation() == null ? data.version() : null,
                Timestamps.toDb(now),
                data.revision(),
                io.tollgate.shared.Limits.document("release", json.writeValueAsString(data)),
                data.id(),
                expectedRevision)
            .update()
        == 1;
  }

  public Optional<ReleaseData> find(String id) {
    return jdbc.sql("select document from releases where id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(this::read);
  }

  /**
   * The current revision and product of a release: enough to tell whether a cached copy is current.
   */
  public record Head(String product, long revision) {}

  /** The current head for a read; possibly up to a second old when another node changed it. */
  public Optional<Head> readHead(String id) {
    Head cached = heads.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Head> head = head(id);
    head.ifPresent(h -> heads.put(id, h));
    return head;
  }

  @org.springframework.context.event.EventListener
  void changed(io.tollgate.audit.AuditEventsAppended appended) {
    appended.events().stream()
        .map(io.tollgate.audit.AuditEvent::release)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .forEach(heads::invalidate);
  }

  public Optional<Head> head(String id) {
    return jdbc.sql("select product_key, revision from releases where id = ?")
        .param(id)
        .query((rs, n) -> new Head(rs.getString("product_key"), rs.getLong("revision")))
        .optional();
  }

  /** Locks a release's row until the transaction ends and answers its current revision. */
  public Optional<Head> lockHead(String id) {
    // An update that changes nothing takes the row's lock as "select ... for update" would (waiting
    // for a command in flight on the same release to commit); the select after it is a statement
    // of its own, so it reads what that command left. H2 parses a "for update" select afresh on
    // every call, and these two only once per connection.
    if (jdbc.sql("update releases set revision = revision where id = ?").param(id).update() == 0) {
      return Optional.empty();
    }
    return head(id);
  }

  /** Releases not closed, rolled back or cancelled, on the given products, newest first. */
  public List<ReleaseData> active(List<String> products) {
    if (products.isEmpty()) return List.of();
    return jdbc
        .sql(
            "select document from releases where product_key in (:products)"
                + " and status not in (:finished) order by created_at desc")
        .param("products", products)
        .param("finished", io.tollgate.release.ReleaseStatus.finishedIds())
        .query(String.class)
        .list()
        .stream()
        .map(this::read)
        .toList();
  }

  public List<ReleaseData> page(String product, String status, int page, int size) {
    String where = "where product_key = ?" + (status == null ? "" : " and status = ?");
    var spec =
        jdbc.sql(
                "select document from releases "
                    + where
                    + " order by created_at desc, id desc limit ? offset ?")
            .param(product);
    if (status != null) spec = spec.param(status);
    return spec.param(size).param((long) page * size).query(String.class).list().stream()
        .map(this::read)
        .toList();
  }

  public long count(String product, String status) {
    String where = "where product_key = ?" + (status == null ? "" : " and status = ?");
    var spec = jdbc.sql("select count(*) from releases " + where).param(product);
    if (status != null) spec = spec.param(status);
    return spec.query(Long.class).single();
  }

  /** The stored document at this revision: from the cache when it holds that revision. */
  public ReleaseData current(String id, long revision) {
    ReleaseData cached = documents.getIfPresent(id);
    if (cached != null && cached.revision() == revision) {
      return cached;
    }
    ReleaseData data = find(id).orElseThrow();
    if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      documents.put(id, data); // committed state; a writing transaction may still roll back
    }
    return data;
  }

  /** Caches a saved state once its transaction has committed. */
  public void rememberAfterCommit(ReleaseData saved) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            // Commits of one release may finish out of order: keep the newest revision.
            documents
                .asMap()
                .merge(
                    saved.id(), saved, (old, now) -> now.revision() > old.revision() ? now : old);
            heads
                .asMap()
                .merge(
                    saved.id(),
                    new Head(saved.product(), saved.revision()),
                    (old, now) -> now.revision() > old.revision() ? now : old);
          }
        });
  }

  private ReleaseData read(String document) {
    return ReleaseDocuments.read(json, document);
  }
}
