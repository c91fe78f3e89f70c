package io.tollgate.notify;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.notify.internal.Escalations;
import io.tollgate.notify.internal.HandoffClocks;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.MailServer;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Handoffs reach people: "your turn" to the receiving role when handed; unacknowledged past the SLA
 * (4 h in the built-in process), the release manager is told once and the audit log says so. The
 * escalation runs at a time the test chooses.
 */
class HandoffSlaIntegrationTests extends IntegrationTest {
  @Autowired Escalations escalations;
  @Autowired HandoffClocks clocks;

  @Test
  void aHandedHandoffTellsTheReceiversAndEscalatesOnceAfterItsSla() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id); // quality-gate done: qa-to-rm handed to the release manager
    String rm = t.usernames.get("release-manager") + "@example.com";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> subjects(rm).stream().anyMatch(s -> s.contains("your turn, release-manager")));
    await().atMost(Duration.ofSeconds(10)).until(() -> clocks.find(id, "qa-to-rm").isPresent());
    HandoffClocks.Clock clock = clocks.find(id, "qa-to-rm").orElseThrow();
    assertThat(Duration.between(clock.handedAt(), clock.dueAt())).isEqualTo(Duration.ofHours(4));

    Instant handed = clock.handedAt();
    assertThat(escalations.remindDue(handed.plus(Duration.ofHours(2)), t.product)).isZero();
    assertThat(escalations.remindDue(handed.plus(Duration.ofMinutes(181)), t.product))
        .as("three quarters through the SLA")
        .isEqualTo(1);
    assertThat(escalations.remindDue(handed.plus(Duration.ofMinutes(200)), t.product)).isZero();
    assertThat(escalations.escalateDue(handed.plus(Duration.ofHours(3)), t.product))
        .as("within the SLA")
        .isZero();
    assertThat(escalations.escalateDue(handed.plus(Duration.ofHours(4)).plusSeconds(60), t.product))
        .isEqualTo(1);
    assertThat(escalations.escalateDue(handed.plus(Duration.ofHours(9)), t.product))
        .as("once")
        .isZero();

    List<JsonNode> escalated = new ArrayList<>();
    t.rm
        .get(path(id) + "/audit")
        .json()
        .forEach(
            e -> {
              if (e.path("action").asString().equals("handoff.escalated")) escalated.add(e);
            });
    assertThat(escalated).hasSize(1);
    assertThat(escalated.get(0).path("actor").asString()).isEqualTo("system");
    assertThat(escalated.get(0).path("details").path("handoff").asString()).isEqualTo("qa-to-rm");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> subjects(rm).stream().anyMatch(s -> s.contains("not acknowledged within 4h")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> subjects(rm).stream().anyMatch(s -> s.contains("reminder, release-manager")));
  }

  @Test
  void theReleasePageAndTheBoardShowTheSlaClockOfAWaitingHandoff() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    String rm = t.usernames.get("release-manager");
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + rm + "/password",
                    java.util.Map.of("password", "sla page password 1"))
                .status())
        .isEqualTo(204);
    io.tollgate.support.WebSession browser = new io.tollgate.support.WebSession(port);
    assertThat(browser.signIn(rm, "sla page password 1")).isTrue();
    String page = browser.get("/releases/" + id).body();
    assertThat(page)
        .containsPattern(
            "data-testid=\"sla\"[^>]*>SLA 4 h: 3 h 5\\d min left|data-testid=\"sla\"[^>]*>SLA 4 h: 4 h left");
    assertThat(browser.get("/?product=" + t.product).body())
        .contains("data-testid=\"sla\"", "SLA 4 h:");
    ok(t.rm.post(path(id) + "/handoffs/qa-to-rm/acknowledge", java.util.Map.of()));
    assertThat(browser.get("/releases/" + id).body()).doesNotContain("data-testid=\"sla\"");
  }

  @Test
  void anAcknowledgedHandoffIsNotEscalated() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    ok(t.rm.post(path(id) + "/handoffs/qa-to-rm/acknowledge", java.util.Map.of()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> clocks.find(id, "qa-to-rm").map(c -> c.acknowledgedAt() != null).orElse(false));
    Instant handed = clocks.find(id, "qa-to-rm").orElseThrow().handedAt();
    assertThat(escalations.escalateDue(handed.plus(Duration.ofDays(2)), t.product)).isZero();
  }

  private static List<String> subjects(String address) {
    List<String> out = new ArrayList<>();
    MailServer.to(address)
        .forEach(
            m -> {
              try {
                out.add(m.getSubject());
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            });
    return out;
  }
}
