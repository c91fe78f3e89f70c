package io.tollgate.release.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.release.Overview;
import io.tollgate.release.ReleaseData;
import io.tollgate.release.WindowPlacement;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
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
  // The product of each release, for a token's scope (ReleaseLocator): it never changes, so a copy
  // is never stale and needs no invalidation. Reading a release does not use a cached revision
  // (ReleaseManagement.get reads it from the database): with two nodes behind a balancer a client
  // answered "closed" by one node read "released" from the other when it did (bench/nodes.sh).
  private final Cache<String, String> products = Caffeine.newBuilder().maximumSize(10_000).build();

  private final ReleaseVersionIndex versions;
  // PostgreSQL locks and reads the row in one "select ... for update"; see lockHead
  private final boolean lockInOneStatement;

  ReleaseStore(
      JdbcClient jdbc, JsonMapper json, ReleaseVersionIndex versions, DataSource dataSource) {
    this.jdbc = jdbc;
    this.json = json;
    this.versions = versions;
    this.lockInOneStatement = io.tollgate.shared.db.Databases.isPostgres(dataSource);
  }

  /**
   * Inserts a new release; the caller holds the product's lock (see {@link
   * ReleaseVersionIndex#versionFreed}).
   */
  public void insert(ReleaseData data, String status, Overview overview, Instant now) {
    ReleaseVersionIndex.Numbers numbers = ReleaseVersionIndex.Numbers.of(data.version());
    jdbc.sql(
            "insert into releases (id, product_key, version, active_version, release_type, status,"
                + " created_at, updated_at, revision, document, v_major, v_minor, v_patch,"
                + " is_active, waiting_roles, deploying, failed_step, window_start, window_end,"
                + " window_long) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
            numbers.patch(),
            overview.active(),
            Overview.column(overview.waitingRoles()),
            Overview.column(overview.deploying()),
            overview.failedStep(),
            windowStart(data),
            windowEnd(data),
            windowLong(data))
        .update();
    if (data.cancellation() == null) {
      versions.raiseHighest(data.product(), numbers);
    }
  }

  /** Saves a changed release if nobody saved it since {@code expectedRevision}; false otherwise. */
  public boolean update(
      ReleaseData data, String status, Overview overview, long expectedRevision, Instant now) {
    return jdbc.sql(
                "update releases set status = ?, active_version = ?, updated_at = ?, revision = ?,"
                    + " document = ?, is_active = ?, waiting_roles = ?, deploying = ?,"
                    + " failed_step = ?, window_start = ?, window_end = ?, window_long = ?"
                    + " where id = ? and revision = ?")
            .params(
                status,
                data.cancellation() == null ? data.version() : null,
                Timestamps.toDb(now),
                data.revision(),
                io.tollgate.shared.Limits.document("release", json.writeValueAsString(data)),
                overview.active(),
                Overview.column(overview.waitingRoles()),
                Overview.column(overview.deploying()),
                overview.failedStep(),
                windowStart(data),
                windowEnd(data),
                windowLong(data),
                data.id(),
                expectedRevision)
            .update()
        == 1;
  }

  /** Writes a release's overview columns, as recomputed from its stored document. */
  public void refreshOverview(String id, long revision, Overview overview) {
    jdbc.sql(
            "update releases set is_active = ?, waiting_roles = ?, deploying = ?, failed_step = ?"
                + " where id = ? and revision = ?")
        .params(
            overview.active(),
            Overview.column(overview.waitingRoles()),
            Overview.column(overview.deploying()),
            overview.failedStep(),
            id,
            revision)
        .update();
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

  /** The product of a release (from memory after the first read: it never changes). */
  public Optional<String> productOf(String id) {
    String cached = products.getIfPresent(id);
    if (cached != null) return Optional.of(cached);
    Optional<String> product = head(id).map(Head::product);
    product.ifPresent(p -> products.put(id, p));
    return product;
  }

  public Optional<Head> head(String id) {
    return jdbc.sql("select product_key, revision from releases where id = ?")
        .param(id)
        .query((rs, n) -> new Head(rs.getString("product_key"), rs.getLong("revision")))
        .optional();
  }

  /** Locks a release's row until the transaction ends and answers its current revision. */
  public Optional<Head> lockHead(String id) {
    if (lockInOneStatement) {
      // PostgreSQL waits for a command in flight on the same release to commit and then answers
      // the row as that command left it (read committed re-reads a row it had to wait for), and
      // a row lock writes no new row version, where the update below would
      return jdbc.sql("select product_key, revision from releases where id = ? for update")
          .param(id)
          .query((rs, n) -> new Head(rs.getString("product_key"), rs.getLong("revision")))
          .optional();
    }
    // H2: an update that changes nothing takes the row's lock as "select ... for update" would
    // (waiting for a command in flight on the same release to commit); the select after it is a
    // statement of its own, so it reads what that command left. H2 parses a "for update" select
    // afresh on every call, and these two only once per connection.
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
                    // product_key (one) leads the order so that H2 reads releases_product_newest
                    // (V122) in its order and stops after the page, instead of sorting them all
                    + " order by product_key, created_at desc, id desc limit ? offset ?")
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

  // the window columns the calendar reads (V110): the window as WindowPlacement places it
  private static java.time.OffsetDateTime windowStart(ReleaseData data) {
    WindowPlacement.Placed p = WindowPlacement.place(data.window());
    return p == null ? null : Timestamps.toDb(p.start());
  }

  private static java.time.OffsetDateTime windowEnd(ReleaseData data) {
    WindowPlacement.Placed p = WindowPlacement.place(data.window());
    return p == null ? null : Timestamps.toDb(p.end());
  }

  private static boolean windowLong(ReleaseData data) {
    WindowPlacement.Placed p = WindowPlacement.place(data.window());
    return p != null && p.isLong();
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
            products.put(saved.id(), saved.product());
          }
        });
  }

  private ReleaseData read(String document) {
    return ReleaseDocuments.read(json, document);
  }
}
