package io.tollgate.release.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.release.DeploymentRecord;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseDeployments;
import io.tollgate.shared.web.IfMatch;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A release as the API answers it: its JSON ({@link ReleaseView}) with its revision as the ETag. A
 * release's JSON is a function of its id, revision and incidents alone, so each is rendered once:
 * by the command that made it or the first read, and then written as it is. It is kept as the
 * generator's UTF-8 bytes, never as a String written raw: the generator escapes whatever a stored
 * text holds (an unpaired surrogate becomes \\uD800), a raw write cannot.
 */
@Component
class ReleaseJson {
  private final ReleaseDeployments deployments;
  private final IncidentLookup incidents;
  private final JsonMapper json;
  private final Cache<String, byte[]> rendered = Caffeine.newBuilder().maximumSize(2_000).build();

  private final TransactionTemplate reads;
  private final TransactionTemplate lookups;

  ReleaseJson(
      ReleaseDeployments deployments,
      IncidentLookup incidents,
      JsonMapper json,
      PlatformTransactionManager transactions) {
    this.deployments = deployments;
    this.incidents = incidents;
    this.json = json;
    this.reads = new TransactionTemplate(transactions);
    this.reads.setReadOnly(true);
    // the lookups of a render join the read that asked for it, if any; after a command they run
    // on one connection without a transaction of their own: on PostgreSQL a transaction is a
    // BEGIN and a COMMIT more, two of the four statements of a command's render
    this.lookups = new TransactionTemplate(transactions);
    this.lookups.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
  }

  /** What the database says about a release beyond its document; deployments only if needed. */
  private record Lookup(
      String key, List<String> opened, byte[] cached, List<DeploymentRecord> deployments) {}

  /** 200 with the release. */
  ResponseEntity<byte[]> ok(Release release) {
    return ResponseEntity.ok()
        .eTag(IfMatch.etag(release.revision()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(rendered(release));
  }

  /**
   * 200 with the release that {@code read} finds, read and rendered in one read-only transaction:
   * the release, its incidents and its deployments on one connection, not one each.
   */
  ResponseEntity<byte[]> read(java.util.function.Supplier<Release> read) {
    return reads.execute(s -> ok(read.get()));
  }

  /** 201 with the new release and where it lives. */
  ResponseEntity<byte[]> created(Release release) {
    return ResponseEntity.created(URI.create("/api/v1/releases/" + release.id()))
        .eTag(IfMatch.etag(release.revision()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(rendered(release));
  }

  /**
   * 201 with the new release, and {@code warnings} (e.g. its window overlaps a production freeze)
   * when there are any: the warnings are the moment's, not the release's, so they are not cached.
   */
  ResponseEntity<byte[]> created(Release release, List<String> warnings) {
    if (warnings.isEmpty()) return created(release);
    tools.jackson.databind.node.ObjectNode body =
        (tools.jackson.databind.node.ObjectNode) json.readTree(rendered(release));
    body.putPOJO("warnings", warnings);
    return ResponseEntity.created(URI.create("/api/v1/releases/" + release.id()))
        .eTag(IfMatch.etag(release.revision()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsBytes(body));
  }

  /**
   * The release's JSON, rendered once per revision and number of incidents (incidents are opened
   * without changing the release; they are never deleted, so the count tells a new one).
   */
  private byte[] rendered(Release release) {
    // one connection for both lookups, not one each
    Lookup found =
        lookups.execute(
            s -> {
              List<String> opened = incidents.incidentsOf(release.id());
              String key = release.id().value() + "@" + release.revision() + "#" + opened.size();
              byte[] cached = rendered.getIfPresent(key);
              return new Lookup(
                  key, opened, cached, cached != null ? null : deployments.of(release));
            });
    if (found.cached() != null) return found.cached();
    return rendered.get(
        found.key(),
        k -> json.writeValueAsBytes(ReleaseView.of(release, found.opened(), found.deployments())));
  }
}
