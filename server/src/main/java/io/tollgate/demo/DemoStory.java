package io.tollgate.demo;

import static io.tollgate.demo.DemoData.PEOPLE;
import static io.tollgate.demo.DemoData.PRODUCT;

import io.tollgate.automation.EnvironmentLocks;
import io.tollgate.identity.UserManagement;
import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Evidence;
import io.tollgate.release.NewRelease;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo's story of the product {@code octoshop}: its people, and releases that are closed,
 * rolled back, awaiting the decision and being prepared — all made through the same services as the
 * API, so the audit log tells the story.
 */
@Component
class DemoStory {
  private static final Logger log = LoggerFactory.getLogger(DemoStory.class);
  private final UserManagement users;
  private final ProductManagement products;
  private final ReleaseManagement releases;
  private final IncidentManagement incidents;
  private final DemoPipelines pipelines;
  private final EnvironmentLocks locks;

  DemoStory(
      UserManagement users,
      ProductManagement products,
      ReleaseManagement releases,
      IncidentManagement incidents,
      DemoPipelines pipelines,
      EnvironmentLocks locks) {
    this.pipelines = pipelines;
    this.users = users;
    this.products = products;
    this.releases = releases;
    this.incidents = incidents;
    this.locks = locks;
  }

  /** Seeds the product, its people and its releases; in the caller's transaction. */
  void seed() {
    Actor admin = new Actor("admin", true);
    PEOPLE.forEach(
        (u, p) -> {
          if (!users.exists(u))
            users.createUnchecked(Actor.SYSTEM, u, p[0], u + "@octoacme.example", false);
        });
    products.create(admin, PRODUCT, "OctoShop", null, null);
    PEOPLE.forEach((u, p) -> products.setMember(admin, PRODUCT, u, List.of(p[1])));
    Actor rm = actor("rita");
    Actor qa = actor("quinn");
    Actor ops = actor("dana");
    Actor support = actor("sam");
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);

    // 1.0.0: the first release, all the way to closed.
    Release first = plan(rm, "major", "Launch", now.minus(Duration.ofDays(30)));
    String id = first.id().value();
    prepare(
        id,
        rm,
        qa,
        ops,
        support,
        "First public release of OctoShop.",
        List.of("Catalogue, cart and checkout"),
        List.of("Create the database with the bundled migrations."));
    go(id, rm, qa, ops);
    releases.complete(
        ops,
        id,
        "deploy-production",
        "pipeline #101",
        link("https://ci.octoacme.example/101"),
        "succeeded",
        null);
    releases.complete(ops, id, "verify-production", "error rate normal", null, "succeeded", null);
    releases.complete(rm, id, "announce", "posted in #announcements", null, null, null);
    releases.complete(support, id, "monitor-customers", "no tickets in 48 h", null, null, null);
    acknowledgeAll(id, rm, ops, support);

    // 1.1.0: failed verification in production, rolled back to 1.0.0, incident resolved.
    Release second = plan(rm, "minor", "Wishlists", now.minus(Duration.ofDays(10)));
    id = second.id().value();
    prepare(
        id,
        rm,
        qa,
        ops,
        support,
        "Wishlists for signed-in shoppers.",
        List.of("Wishlists"),
        List.of());
    go(id, rm, qa, ops);
    releases.complete(
        ops,
        id,
        "deploy-production",
        "pipeline #131",
        link("https://ci.octoacme.example/131"),
        "succeeded",
        null);
    releases.complete(
        ops,
        id,
        "verify-production",
        "checkout error rate at 7%",
        link("https://grafana.octoacme.example/d/checkout"),
        "failed",
        null);
    String incidentId = incidents.incidentsOf(second.id()).get(0);
    incidents.complete(rm, incidentId, "trigger-incident", "status page updated");
    incidents.complete(ops, incidentId, "execute-rollback", "rolled back with pipeline #132");
    incidents.complete(ops, incidentId, "notify-oncall", "paged the on-call SRE");
    incidents.complete(qa, incidentId, "verify-rollback", "smoke tests green on 1.0.0");
    incidents.complete(
        support,
        incidentId,
        "customer-comms",
        "Checkout failed for some of you for a few minutes after today's update. We went back to"
            + " the previous version; checkout works again and no orders were lost.");
    Incident resolved =
        incidents.resolve(
            rm,
            incidentId,
            "Wishlist query missed an index under production load",
            List.of("Add the missing index", "Load-test wishlist queries in staging"));
    log.debug("Demo incident {} resolved", resolved.data().id());
    // the rollback locked production; rita cleared it once the cause was known, so the demo's
    // releases (and a newcomer's) may deploy there
    if (locks.find(PRODUCT, "production").isPresent()) {
      locks.clear(
          rm,
          PRODUCT,
          "production",
          "Cause found (missing wishlist index); the fix ships in the hotfix 1.1.1");
    }

    // 1.1.1: the hotfix, waiting for the go/no-go decision.
    Release hotfix = plan(rm, "patch", "Wishlist index", now.plus(Duration.ofDays(1)));
    id = hotfix.id().value();
    prepare(
        id,
        rm,
        qa,
        ops,
        support,
        "Adds the missing wishlist index.",
        List.of("Faster wishlists"),
        List.of());

    // 1.2.0: being prepared.
    Release next = plan(rm, "minor", "Gift cards", now.plus(Duration.ofDays(14)));
    id = next.id().value();
    releases.meet(
        qa, id, "acceptance-criteria", link("https://tracker.octoacme.example/epic/88"), null);
    releases.complete(
        rm, id, "schedule-window", "window agreed with stakeholders", null, null, null);
    // its commits and test results, as the pipeline posts them
    pipelines.seed(id, actor("devon"), qa);
  }

  private Release plan(Actor rm, String type, String name, Instant start) {
    return releases.plan(
        rm,
        PRODUCT,
        new NewRelease(
            type, null, name, null, new Window(start, start.plus(Duration.ofHours(2))), null));
  }

  private void prepare(
      String id,
      Actor rm,
      Actor qa,
      Actor ops,
      Actor support,
      String summary,
      List<String> changes,
      List<String> migration) {
    Map<String, List<String>> notes = new LinkedHashMap<>();
    notes.put("summary", List.of(summary));
    notes.put("notableChanges", changes);
    if (!migration.isEmpty()) notes.put("migrationSteps", migration);
    releases.updateNotes(rm, id, notes, null);
    releases.updateNotes(
        qa,
        id,
        Map.of("knownIssues", List.of("Safari 15 shows a layout glitch on the cart page")),
        null);
    releases.meet(
        qa, id, "acceptance-criteria", link("https://tracker.octoacme.example/board"), null);
    releases.meet(ops, id, "ci-security", link("https://ci.octoacme.example/scans"), null);
    releases.meet(ops, id, "rollback-plan", link("https://wiki.octoacme.example/rollback"), null);
    releases.meet(rm, id, "release-notes", Evidence.NONE, null);
    releases.meet(rm, id, "support-trained", new Evidence(null, "training session held"), null);
    releases.meet(support, id, "support-trained", new Evidence(null, "attended"), null);
    releases.complete(
        rm, id, "schedule-window", "window agreed with stakeholders", null, null, null);
    releases.skip(ops, id, "backup", "no schema change", null);
    releases.complete(
        qa,
        id,
        "quality-gate",
        "all suites green",
        link("https://ci.octoacme.example/tests"),
        null,
        null);
    releases.complete(ops, id, "deploy-staging", "pipeline staging", null, "succeeded", null);
    releases.complete(
        qa,
        id,
        "smoke-staging",
        "smoke suite green",
        link("https://ci.octoacme.example/smoke"),
        "succeeded",
        null);
  }

  private void go(String id, Actor rm, Actor qa, Actor ops) {
    releases.acknowledge(rm, id, "qa-to-rm", null);
    releases.decide(rm, id, "go", "All gates met; staging smoke tests green.", null);
    releases.acknowledge(ops, id, "rm-to-devops", null);
  }

  private void acknowledgeAll(String id, Actor rm, Actor ops, Actor support) {
    releases.acknowledge(rm, id, "devops-to-rm", null);
    releases.acknowledge(support, id, "rm-to-support", null);
  }

  private static Evidence link(String url) {
    return new Evidence(url, null);
  }

  private static Actor actor(String username) {
    return new Actor(username, false);
  }
}
