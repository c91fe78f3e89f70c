package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The audit chain is verifiable, and an event altered directly in the database is found. */
class AuditIntegrationTests extends IntegrationTest {

  @Test
  void verificationFindsTheFirstEventAlteredInTheDatabase() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    JsonNode before = admin.get("/api/v1/audit/verify").json();
    assertThat(before.path("ok").asBoolean()).as(before.toString()).isTrue();
    assertThat(before.path("firstBrokenSeq").isNull()).isTrue();
    long seq =
        jdbc.sql("select seq from audit_events where release_id = ? and action = 'release.planned'")
            .param(id)
            .query(Long.class)
            .single();
    String original =
        jdbc.sql("select actor from audit_events where seq = ?")
            .param(seq)
            .query(String.class)
            .single();
    try {
      jdbc.sql("update audit_events set actor = 'mallory' where seq = ?").param(seq).update();
      JsonNode after = admin.get("/api/v1/audit/verify").json();
      assertThat(after.path("ok").asBoolean()).isFalse();
      assertThat(after.path("firstBrokenSeq").asLong()).isEqualTo(seq);
    } finally {
      jdbc.sql("update audit_events set actor = ? where seq = ?").params(original, seq).update();
    }
    assertThat(admin.get("/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
  }

  @Test
  void everyEventLinksToThePreviousOne() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    JsonNode events = t.rm.get("/api/v1/releases/" + id + "/audit").json();
    assertThat(events.size()).isGreaterThan(10);
    for (JsonNode e : events) {
      assertThat(e.path("hash").asString()).hasSize(64);
      assertThat(e.path("prevHash").asString()).hasSize(64);
      assertThat(e.path("at").asString()).endsWith("Z");
      long seq = e.path("seq").asLong();
      String prevOfThis =
          jdbc.sql("select hash from audit_events where seq = ?")
              .param(seq - 1)
              .query(String.class)
              .single();
      assertThat(e.path("prevHash").asString()).isEqualTo(prevOfThis);
    }
  }
}
