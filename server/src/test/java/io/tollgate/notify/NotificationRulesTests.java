package io.tollgate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessParser;
import io.tollgate.shared.Invalid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of notifications, without Spring: vocabulary, patterns, audiences, backoff, defaults.
 */
class NotificationRulesTests {

  @Test
  void patternsMatchExactTypesAreasAndEverything() {
    assertThat(EventTypes.matches("*", "incident.opened")).isTrue();
    assertThat(EventTypes.matches("release.*", "release.window-scheduled")).isTrue();
    assertThat(EventTypes.matches("release.*", "requirement.met")).isFalse();
    assertThat(EventTypes.matches("step.completed", "step.completed")).isTrue();
    assertThat(EventTypes.matches("step.completed", "step.failed")).isFalse();
  }

  @Test
  void anUnknownPatternIsRefusedNamingItsPlace() {
    assertThat(EventTypes.check(List.of("release.*", "incident.opened", "release.*")))
        .containsExactly("release.*", "incident.opened");
    assertThatThrownBy(() -> EventTypes.check(List.of("release.*", "release.shipped")))
        .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.field()).isEqualTo("events[1]"));
    assertThatThrownBy(() -> EventTypes.check(List.of("nothing.*")))
        .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.field()).isEqualTo("events[0]"));
    assertThatThrownBy(() -> EventTypes.check(List.of()))
        .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.field()).isEqualTo("events"));
  }

  @Test
  void anEventStandsForItsMostSpecificTypeFirst() {
    Map<String, String> window = Map.of("step", "schedule-window", "status", "preparing");
    assertThat(NotificationTypes.of("step.completed", window::get, s -> false))
        .containsExactly("release.window-scheduled", "step.completed");
    Map<String, String> closing = Map.of("step", "monitor-customers", "status", "closed");
    assertThat(NotificationTypes.of("step.completed", closing::get, s -> false))
        .containsExactly("release.closed", "step.completed");
    Map<String, String> announce = Map.of("step", "announce", "status", "released");
    assertThat(NotificationTypes.of("step.completed", announce::get, s -> false))
        .containsExactly("release.announced", "customers.release-announced", "step.completed");
    Map<String, String> toldCustomers = Map.of("step", "customer-comms", "customerMessage", "m");
    assertThat(NotificationTypes.of("incident.step-completed", toldCustomers::get, s -> false))
        .containsExactly("customers.status-communicated", "incident.step-completed");
    Map<String, String> rollback = Map.of("step", "execute-rollback");
    assertThat(NotificationTypes.of("incident.step-completed", rollback::get, s -> false))
        .containsExactly("incident.step-completed");
    Map<String, String> deploy = Map.of("step", "deploy-production");
    assertThat(NotificationTypes.of("step.started", deploy::get, s -> true))
        .containsExactly("deployment.started");
    assertThat(NotificationTypes.of("step.started", deploy::get, s -> false)).isEmpty();
    assertThat(NotificationTypes.of("signin.succeeded", k -> null, s -> false)).isEmpty();
    assertThat(NotificationTypes.of("notes.updated", k -> null, s -> false)).isEmpty();
  }

  @Test
  void aSubscriptionGetsTheFirstTypeItAskedFor() {
    List<String> types = List.of("release.window-scheduled", "step.completed");
    assertThat(NotificationTypes.chosen(types, List.of("step.*"))).isEqualTo("step.completed");
    assertThat(NotificationTypes.chosen(types, List.of("*"))).isEqualTo("release.window-scheduled");
    assertThat(NotificationTypes.chosen(types, List.of("incident.*"))).isNull();
  }

  @Test
  void everyTypeOfTheVocabularyHasAHeadline() {
    for (String type : EventTypes.ALL) {
      assertThat(Headlines.of(type, k -> null)).as(type).isNotBlank().isNotEqualTo(type);
    }
    assertThat(Headlines.of("deployment.succeeded", Map.of("environment", "production")::get))
        .isEqualTo("deployed to production");
  }

  @Test
  void backoffDoublesUpToItsCapAndEndsDead() {
    Backoff b = new Backoff(4, Duration.ofSeconds(10), Duration.ofSeconds(25));
    assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(b.delayAfter(3)).isEqualTo(Duration.ofSeconds(25));
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(b.nextAttempt(3, now)).isEqualTo(now.plusSeconds(25));
    assertThat(b.nextAttempt(4, now)).as("the last attempt failed: dead").isNull();
    assertThat(b.dead(4)).isTrue();
  }

  @Test
  void recipientsAreRolesPeopleListsOrAddresses() {
    assertThat(
            Audience.check(
                List.of("role:support", "user:sam", "stakeholders", "customers", "ops@example.com"),
                "channel.to"))
        .hasSize(5);
    assertThatThrownBy(
            () -> Audience.check(List.of("role:support", "ops at example"), "channel.to"))
        .isInstanceOfSatisfying(
            Invalid.class, e -> assertThat(e.field()).isEqualTo("channel.to[1]"));
    assertThatThrownBy(() -> Audience.addresses(List.of("a@example.com", "nope"), "emails"))
        .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.field()).isEqualTo("emails[1]"));
    assertThat(Audience.isAddress("first.last+tag@mail.example.co")).isTrue();
    assertThat(Audience.isAddress("a@b@c")).isFalse();
    assertThat(Audience.isAddress("<script>@x.com")).isFalse();
  }

  @Test
  void anAddressListHoldsAtMostAThousand() {
    List<String> full =
        java.util.stream.IntStream.range(0, Audience.MAX_ADDRESSES)
            .mapToObj(i -> "p" + i + "@example.com")
            .toList();
    assertThat(Audience.addresses(full, "emails")).hasSize(Audience.MAX_ADDRESSES);
    List<String> over = new java.util.ArrayList<>(full);
    over.add("one-more@example.com");
    assertThatThrownBy(() -> Audience.addresses(over, "emails"))
        .isInstanceOfSatisfying(
            Invalid.class,
            e -> {
              assertThat(e.field()).isEqualTo("emails");
              assertThat(e.getMessage()).contains("at most 1000 addresses; this has 1001");
            });
  }

  @Test
  void theBuiltInProcessGetsTheGuidesDefaults() {
    ProcessDefinition built = ProcessParser.builtIn();
    List<DefaultSubscriptions.Default> d = DefaultSubscriptions.of(built);
    assertThat(d)
        .extracting(x -> x.events().get(0) + " -> " + String.join(",", x.to()))
        .containsExactly(
            "release.window-scheduled -> stakeholders",
            "decision.recorded -> stakeholders,role:devops",
            "deployment.started -> role:devops,role:release-manager",
            "release.announced -> stakeholders,role:support",
            "incident.opened -> stakeholders,role:devops",
            "incident.resolved -> stakeholders",
            "customers.release-announced -> customers",
            "handoff.handed -> receiving-role",
            "handoff.escalated -> role:release-manager");
    assertThat(d.get(2).events())
        .containsExactly("deployment.started", "deployment.succeeded", "deployment.failed");
  }

  @Test
  void eventsWaitOnTheRolesTheyConcern() {
    List<String> onCall = List.of("devops");
    assertThat(InboxRules.roles("handoff.handed", Map.of("to", "qa-lead")::get, "rm", onCall))
        .containsExactly("qa-lead");
    assertThat(InboxRules.roles("handoff.escalated", Map.of("to", "qa-lead")::get, "rm", onCall))
        .containsExactly("rm");
    assertThat(InboxRules.roles("incident.opened", k -> null, "rm", onCall))
        .containsExactly("devops", "rm");
    assertThat(InboxRules.roles("decision.recorded", k -> null, "rm", onCall)).isEmpty();
  }

  @Test
  void preferencesMuteProductsAndTurnOffEmailByType() {
    Preferences p = new Preferences(List.of("step.*"), List.of("quiet"));
    assertThat(p.wantsEmail("shop", "step.completed")).isFalse();
    assertThat(p.wantsEmail("shop", "decision.recorded")).isTrue();
    assertThat(p.wantsEmail("quiet", "decision.recorded")).isFalse();
    assertThat(p.wantsInApp("quiet")).isFalse();
    assertThat(p.wantsInApp("shop")).isTrue();
    assertThat(new Preferences(null, null)).isEqualTo(Preferences.NONE);
  }
}
