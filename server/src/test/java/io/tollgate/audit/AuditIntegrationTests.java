package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.internal.AuditStore;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit chain is verifiable, and an event altered directly in the database is found. */
class AuditIntegrationTests extends IntegrationTest {

  @Test
  void verificationFindsTheFirstEventAlteredInTheDatabase() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    JsonNode before = admin.get("/api/v1/audit/verify").json(); // waits for the chain
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

  @Test
  void eventsCarryTheirTypeActorKindProductAndPayloadVersion() {
    long before = store.latestSeq();
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");

    JsonNode all = admin.get("/api/v1/audit?after=" + before + "&limit=1000").json();
    JsonNode created = null;
    for (JsonNode e : all) {
      if (e.path("action").asString().equals("product.created")) created = e;
    }
    assertThat(created).as(all.toString()).isNotNull();
    assertThat(created.path("product").asString()).isEqualTo(t.product);
    assertThat(created.path("actorKind").asString()).isEqualTo("person");
    assertThat(created.path("payloadVersion").asInt()).isEqualTo(1);
    assertThat(
            jdbc.sql("select form from audit_events where seq = ?")
                .param(created.path("seq").asLong())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    boolean membership = false;
    for (JsonNode e : all) membership |= e.path("action").asString().equals("membership.changed");
    assertThat(membership).isTrue();

    JsonNode events = t.rm.get("/api/v1/releases/" + id + "/audit").json();
    assertThat(events.size()).isPositive();
    for (JsonNode e : events) {
      for (String field :
          List.of(
              "seq",
              "at",
              "actor",
              "action",
              "subject",
              "details",
              "prevHash",
              "hash",
              "type",
              "actorKind",
              "product",
              "payloadVersion")) {
        assertThat(e.has(field)).as(field + " in " + e).isTrue();
      }
      assertThat(e.path("type").asString()).isEqualTo(e.path("action").asString());
      assertThat(e.path("actorKind").asString()).isEqualTo("person");
      assertThat(e.path("product").asString()).isEqualTo(t.product);
      assertThat(e.path("payloadVersion").asInt()).isEqualTo(1);
    }
    assertThat(events.get(0).path("type").asString()).isEqualTo("release.planned");
  }

  @Autowired AuditStore store;
}
