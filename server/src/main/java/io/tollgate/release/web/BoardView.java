package io.tollgate.release.web;

import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.EnvironmentState;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.HandoffSla;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.product.Member;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Action;
import io.tollgate.release.Actions;
import io.tollgate.release.HandoffState;
import io.tollgate.release.HandoffStatus;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.UnderWayReleases;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link Board}. Whose turn it is comes from {@link ReleaseManagement#actionsFor} and
 * {@link Release#actionableSteps()}: the board restates no rule. It reads one page of the releases
 * under way ({@link UnderWayReleases}) and computes actions only for what it shows.
 */
@Component
class BoardView {
  private static final int SHOWN = 3;

  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final DeploymentManagement deployments;
  private final IncidentLookup incidents;
  private final io.tollgate.release.CustomerIssueCounts customerIssues;
  private final Fmt fmt;
  private final UnderWayReleases underWay;
  private final AttentionStrip strip;

  private final org.springframework.beans.factory.ObjectProvider<
          io.tollgate.release.AutomatedEnvironments>
      automated;

  BoardView(
      ReleaseManagement releases,
      ProductManagement products,
      DeploymentManagement deployments,
      IncidentLookup incidents,
      io.tollgate.release.CustomerIssueCounts customerIssues,
      Fmt fmt,
      org.springframework.beans.factory.ObjectProvider<io.tollgate.release.AutomatedEnvironments>
          automated,
      UnderWayReleases underWay,
      AttentionStrip strip) {
    this.underWay = underWay;
    this.strip = strip;
    this.automated = automated;
    this.releases = releases;
    this.products = products;
    this.deployments = deployments;
    this.incidents = incidents;
    this.customerIssues = customerIssues;
    this.fmt = fmt;
  }

  Board build(Actor me, Board.Filters filters) {
    Instant now = Instant.now();
    List<Product> visible = products.visibleTo(me);
    List<Product> shown =
        visible.stream()
            .filter(p -> filters.product() == null || p.key().equals(filters.product()))
            .toList();
    Map<String, Product> byKey = new HashMap<>();
    shown.forEach(p -> byKey.put(p.key(), p));
    UnderWayReleases.Page page =
        underWay.page(me, shown, filters.status(), filters.mine(), filters.page(), Board.PAGE_SIZE);
    List<OpenIncident> open =
        byKey.isEmpty() ? List.of() : incidents.openIncidents(List.copyOf(byKey.keySet()));
    Map<String, Integer> issues =
        customerIssues.of(page.releases().stream().map(r -> r.id().value()).toList());
    List<Board.Row> rows = new ArrayList<>();
    for (Release r : page.releases()) {
      List<String> mine = waitingOnMe(r, releases.actionsFor(me, r));
      // the page asked for releases waiting on the caller's roles; separation of duties may
      // still leave this one not theirs
      if (filters.mine() && mine.isEmpty()) continue;
      rows.add(row(r, byKey.get(r.product()), mine, now, issues.getOrDefault(r.id().value(), 0)));
    }
    Map<String, java.util.Set<String>> deploying = underWay.deploying(shown);
    return new Board(
        strip.of(me, shown, byKey, open, now),
        shown.stream().flatMap(p -> p.environments().stream()).distinct().toList(),
        shown.stream()
            .map(p -> gridRow(p, deploying.getOrDefault(p.key(), java.util.Set.of())))
            .toList(),
        rows,
        visible,
        Arrays.stream(ReleaseStatus.values())
            .filter(ReleaseStatus::isActive)
            .map(ReleaseStatus::id)
            .toList(),
        filters,
        page.total(),
        page.pages(),
        page.atLeast());
  }

  private Board.GridRow gridRow(Product p, java.util.Set<String> deploying) {
    Map<String, EnvironmentState> cells = new LinkedHashMap<>();
    deployments.environments(p.key(), p.environments()).forEach(e -> cells.put(e.name(), e));
    io.tollgate.release.AutomatedEnvironments automation = automated.getIfAvailable();
    return new Board.GridRow(
        p,
        cells,
        new java.util.TreeSet<>(deploying),
        automation == null ? Map.of() : automation.locked(p.key()));
  }

  /**
   * What the caller can do now on a release, in words; options that are always open are left out.
   */
  static List<String> waitingOnMe(Release r, Actions actions) {
    ProcessDefinition p = r.process();
    List<String> out = new ArrayList<>();
    for (Action action : actions.all()) {
      if (!action.isWaiting()) continue;
      String item = action.key();
      String what =
          switch (action.kind()) {
            case "meet" ->
                "Meet “" + p.requirement(item).map(RequirementDef::title).orElse(item) + "”";
            case "complete" -> "Complete “" + p.step(item).map(StepDef::title).orElse(item) + "”";
            case "decide" -> "Decide go / no-go";
            case "acknowledge" -> "Acknowledge the handoff “" + handoff(p, item) + "”";
            default -> null; // Action#isWaiting names no other kind
          };
      if (what != null && !out.contains(what)) out.add(what);
    }
    return out;
  }

  private Board.Row row(
      Release r, Product product, List<String> myActions, Instant now, int customerIssues) {
    ProcessDefinition p = r.process();
    List<StepDef> actionable = r.actionableSteps();
    List<String> openRequirements =
        r.requirements().stream()
            .filter(s -> !s.met())
            .map(s -> p.requirement(s.key()).orElseThrow())
            .map(d -> d.title() + " (" + String.join(" + ", d.signers()) + ")")
            .toList();
    String next;
    String owner = null;
    if (!actionable.isEmpty()) {
      StepDef first = actionable.get(0);
      next = first.isDecision() ? "Go/no-go decision" : first.title();
      owner = first.owner();
    } else {
      HandoffDef handed =
          r.handoffs().stream()
              .filter(h -> h.status() == HandoffStatus.HANDED)
              .map(h -> p.handoffs().stream().filter(d -> d.key().equals(h.key())).findFirst())
              .flatMap(java.util.Optional::stream)
              .findFirst()
              .orElse(null);
      if (handed != null) {
        next = "Acknowledge: " + handed.handsOver();
        owner = handed.to();
      } else if (!openRequirements.isEmpty()) {
        next = "Open requirements";
      } else {
        next = r.status() == ReleaseStatus.FAILED ? "The incident playbook" : "Nothing to do now";
      }
    }
    java.time.Duration slaLeft = null;
    String sla = null;
    for (HandoffState h : r.handoffs()) {
      HandoffDef def = p.handoff(h.key()).orElse(null);
      if (def == null) continue;
      java.time.Duration left =
          HandoffSla.remaining(h.handedAt(), h.acknowledgedAt(), def.sla(), now);
      if (left != null && (slaLeft == null || left.compareTo(slaLeft) < 0)) {
        slaLeft = left; // the waiting handoff closest to (or furthest past) its SLA
        sla = "Handoff to " + def.to() + " — " + HandoffRow.slaClock(left, def.sla());
      }
    }
    List<String> blockers = r.goBlockers().stream().map(Blocker::title).toList();
    Window w = r.window();
    boolean passed =
        w != null
            && w.end() != null
            && w.end().isBefore(now)
            && AttentionStrip.beforeRelease(r.status());
    return new Board.Row(
        r.id().value(),
        r.product(),
        product.name(),
        r.version().toString(),
        r.name(),
        r.type().id(),
        r.status().id(),
        icon(r.status()),
        window(w),
        passed,
        next,
        sla,
        slaLeft != null && slaLeft.isNegative(),
        owner,
        owner == null ? null : people(product, owner),
        openRequirements,
        fmt.between(r.lastActivityAt(), now),
        fmt.time(r.lastActivityAt()),
        blockers.stream().limit(SHOWN).toList(),
        Math.max(0, blockers.size() - SHOWN),
        myActions,
        customerIssues);
  }

  private String window(Window w) {
    if (w == null || w.start() == null) return null;
    return fmt.time(w.start()) + (w.end() == null ? "" : " – " + fmt.time(w.end()));
  }

  static String people(Product product, String role) {
    String people =
        product.members().stream()
            .filter(m -> m.roles().contains(role))
            .map(Member::username)
            .collect(Collectors.joining(", "));
    return people.isEmpty() ? "nobody holds this role" : people;
  }

  static String handoff(ProcessDefinition p, String key) {
    return p.handoffs().stream()
        .filter(h -> h.key().equals(key))
        .map(h -> h.from() + " → " + h.to() + ": " + h.handsOver())
        .findFirst()
        .orElse(key);
  }

  /** The icon that goes with each status word; never colour alone ({@link ReleaseStatus}). */
  static String icon(ReleaseStatus status) {
    return status.icon();
  }
}
