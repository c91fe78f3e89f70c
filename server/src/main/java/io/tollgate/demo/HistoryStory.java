package io.tollgate.demo;

import io.tollgate.automation.EnvironmentLocks;
import io.tollgate.identity.UserManagement;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Evidence;
import io.tollgate.release.NewRelease;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * One release of the generated history, driven through the same commands as the API's (so its
 * document, audit events, deployments and incidents are what a real one leaves), at the moments
 * {@link HistoryClock} is set to: each command some minutes after the one before.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("tollgate.demo.history")
class HistoryStory {
  /** How far a release of the history got. */
  enum Fate {
    PLANNED,
    PREPARING,
    AWAITING_DECISION,
    CLOSED,
    CANCELLED,
    ROLLED_BACK
  }

  private static final Actor RM = new Actor("rita", false);
  private static final Actor QA = new Actor("quinn", false);
  private static final Actor OPS = new Actor("dana", false);
  private static final Actor SUPPORT = new Actor("sam", false);

  private final UserManagement users;
  private final ProductManagement products;
  private final ReleaseManagement releases;
  private final IncidentManagement incidents;
  private final EnvironmentLocks locks;
  private final HistoryClock clock;

  HistoryStory(
      UserManagement users,
      ProductManagement products,
      ReleaseManagement releases,
      IncidentManagement incidents,
      EnvironmentLocks locks,
      HistoryClock clock) {
    this.users = users;
    this.products = products;
    this.releases = releases;
    this.incidents = incidents;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * The demo's five people, and a product with them in their roles; in the caller's transaction.
   */
  void product(String key, String name) {
    DemoData.PEOPLE.forEach(
        (u, p) -> {
          if (!users.exists(u))
            users.createUnchecked(Actor.SYSTEM, u, p[0], u + "@octoacme.example", false);
        });
    Actor admin = new Actor("admin", true);
    products.create(admin, key, name, null, null);
    DemoData.PEOPLE.forEach((u, p) -> products.setMember(admin, key, u, List.of(p[1])));
  }

  /**
   * Plans a release at {@code at} and takes it as far as its fate, every command before {@code
   * limit} (the gaps shrink as they near it); in the caller's transaction, or each command in its
   * own when there is none (then every audit event is at its command's moment). Answers the
   * release's id.
   */
  String release(String product, Instant at, Instant limit, Fate fate, Random random) {
    Moments t = new Moments(at, limit, random);
    clock.set(t.now());
    Instant window = at.plus(Duration.ofDays(3));
    String type = random.nextInt(10) == 0 ? "major" : random.nextInt(3) == 0 ? "patch" : "minor";
    String id =
        releases
            .plan(
                RM,
                product,
                new NewRelease(
                    type,
                    null,
                    "Release planned " + at,
                    null,
                    new Window(window, window.plus(Duration.ofHours(2))),
                    null))
            .id()
            .value();
    switch (fate) {
      case PLANNED -> {}
      case CANCELLED -> {
        clock.set(t.next());
        releases.cancel(RM, id, "Descoped: the changes move to the next release", null);
      }
      case PREPARING -> {
        clock.set(t.next());
        releases.updateNotes(
            RM,
            id,
            Map.of(
                "summary", List.of("Generated history"), "notableChanges", List.of("Faster pages")),
            null);
        clock.set(t.next());
        releases.meet(QA, id, "acceptance-criteria", link("https://tracker.example/1"), null);
      }
      default -> {
        prepare(id, t);
        if (fate == Fate.AWAITING_DECISION) return id;
        clock.set(t.next());
        releases.acknowledge(RM, id, "qa-to-rm", null);
        clock.set(t.next());
        releases.decide(RM, id, "go", "All gates met; staging smoke tests green.", null);
        clock.set(t.next());
        releases.acknowledge(OPS, id, "rm-to-devops", null);
        clock.set(t.next());
        releases.complete(
            OPS,
            id,
            "deploy-production",
            "pipeline",
            link("https://ci.example/1"),
            "succeeded",
            null);
        clock.set(t.next());
        if (fate == Fate.ROLLED_BACK) {
          rollBack(product, id, t);
          return id;
        }
        releases.complete(
            OPS, id, "verify-production", "error rate normal", null, "succeeded", null);
        clock.set(t.next());
        releases.complete(RM, id, "announce", "posted", null, null, null);
        clock.set(t.next());
        releases.complete(SUPPORT, id, "monitor-customers", "no tickets", null, null, null);
        clock.set(t.next());
        releases.acknowledge(RM, id, "devops-to-rm", null);
        clock.set(t.next());
        releases.acknowledge(SUPPORT, id, "rm-to-support", null);
      }
    }
    return id;
  }

  private void prepare(String id, Moments t) {
    clock.set(t.next());
    releases.updateNotes(
        RM,
        id,
        Map.of(
            "summary", List.of("Generated history"),
            "notableChanges", List.of("Faster pages"),
            "migrationSteps", List.of("Run the bundled migrations")),
        null);
    clock.set(t.next());
    releases.meet(QA, id, "acceptance-criteria", link("https://tracker.example/1"), null);
    clock.set(t.next());
    releases.meet(OPS, id, "ci-security", link("https://ci.example/scans"), null);
    clock.set(t.next());
    releases.meet(OPS, id, "rollback-plan", link("https://wiki.example/rollback"), null);
    clock.set(t.next());
    releases.meet(RM, id, "release-notes", Evidence.NONE, null);
    clock.set(t.next());
    releases.meet(RM, id, "support-trained", new Evidence(null, "training held"), null);
    clock.set(t.next());
    releases.meet(SUPPORT, id, "support-trained", new Evidence(null, "attended"), null);
    clock.set(t.next());
    releases.complete(RM, id, "schedule-window", "window agreed", null, null, null);
    clock.set(t.next());
    releases.skip(OPS, id, "backup", "no schema change", null);
    clock.set(t.next());
    releases.complete(
        QA, id, "quality-gate", "all suites green", link("https://ci.example/tests"), null, null);
    clock.set(t.next());
    releases.complete(OPS, id, "deploy-staging", "pipeline staging", null, "succeeded", null);
    clock.set(t.next());
    releases.complete(
        QA,
        id,
        "smoke-staging",
        "smoke green",
        link("https://ci.example/smoke"),
        "succeeded",
        null);
  }

  private void rollBack(String product, String id, Moments t) {
    releases.complete(
        OPS,
        id,
        "verify-production",
        "error rate at 7%",
        link("https://grafana.example/d/1"),
        "failed",
        null);
    String incident = incidents.incidentsOf(new io.tollgate.release.ReleaseId(id)).get(0);
    clock.set(t.next());
    incidents.complete(RM, incident, "trigger-incident", "status page updated");
    clock.set(t.next());
    incidents.complete(OPS, incident, "execute-rollback", "rolled back");
    clock.set(t.next());
    incidents.complete(OPS, incident, "notify-oncall", "paged");
    clock.set(t.next());
    incidents.complete(QA, incident, "verify-rollback", "smoke green on the previous version");
    clock.set(t.next());
    incidents.complete(SUPPORT, incident, "customer-comms", "We went back; all is well.");
    clock.set(t.next());
    incidents.resolve(RM, incident, "A missing index", List.of("Add the index"));
    if (locks.find(product, "production").isPresent()) {
      locks.clear(RM, product, "production", "Cause found; the fix ships next");
    }
  }

  private static Evidence link(String url) {
    return new Evidence(url, null);
  }

  /**
   * Moments of one release's commands: each 5 to 180 minutes after the one before, and at most half
   * way from there to the limit (so a release planned just before it stays in the past).
   */
  private static final class Moments {
    private Instant now;
    private final Instant limit;
    private final Random random;

    Moments(Instant start, Instant limit, Random random) {
      this.now = start;
      this.limit = limit;
      this.random = random;
    }

    Instant now() {
      return now;
    }

    Instant next() {
      if (!limit.isAfter(now)) return now;
      Instant next = now.plus(Duration.ofMinutes(5 + random.nextInt(176)));
      Instant half = now.plus(Duration.between(now, limit).dividedBy(2));
      now = next.isBefore(half) ? next : half;
      return now;
    }
  }
}
