package io.tollgate.release;

import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.shared.Actor;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads are served from memory by revision; a change committed by another node (simulated here by
 * writing the row and its audit event directly, as that node would) reaches this node's reads
 * through the audit log's tail (or the one-second expiry of the cached revision), and this node's
 * own commits at once.
 */
class ReadCacheIntegrationTests extends IntegrationTest {
  @Autowired TransactionTemplate tx;
  @Autowired AuditLog audit;

  @Test
  void aChangeCommittedByAnotherNodeReachesThisNodesReads() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    assertThat(t.rm.get(path(id)).text("name")).isNull();
    String document =
        jdbc.sql("select document from releases where id = ?")
            .param(id)
            .query(String.class)
            .single();
    String changed =
        document
            .replace("\"name\":null", "\"name\":\"Renamed elsewhere\"")
            .replace("\"revision\":0", "\"revision\":1");
    assertThat(changed).isNotEqualTo(document);
    tx.executeWithoutResult(
        status -> {
          jdbc.sql("update releases set document = ?, revision = 1 where id = ?")
              .params(changed, id)
              .update();
          audit.append(
              AuditRecord.of(
                  "release.renamed",
                  new Actor("other-node", false, Actor.Kind.SYSTEM),
                  t.product,
                  "release/" + id,
                  id,
                  Map.of("name", "Renamed elsewhere")));
        });
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> assertThat(t.rm.get(path(id)).text("name")).isEqualTo("Renamed elsewhere"));
  }

  @Test
  void thisNodesOwnCommitsAreReadAtOnce() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    for (int i = 0; i < 5; i++) {
      t.rm.get(path(id));
    }
    ReleaseDriver.ok(t.qa.post(path(id) + "/requirements/acceptance-criteria/meet", Map.of()));
    assertThat(t.rm.get(path(id)).json().path("revision").asLong()).isEqualTo(1);
    assertThat(t.rm.get(path(id)).json().path("requirements").get(0).path("status").asString())
        .isEqualTo("met");
  }
}
