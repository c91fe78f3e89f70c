package io.tollgate.release.web;

import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.EnvironmentState;
import io.tollgate.process.HandoffDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.product.Member;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Action;
import io.tollgate.release.Actions;
import io.tollgate.release.HandoffStatus;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.IncidentLookup.OpenIncident;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.ReleaseStatus;
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
 * {@link Release#actionableSteps()}: the board restates no rule.
 */
@Component
class BoardView {
  private static final int SHOWN = 3;

  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final DeploymentManagement deployments;
  private final IncidentLookup incidents;
  private final Fmt fmt;

  BoardView(
      ReleaseManagement releases,
      ProductManagement products,
      DeploymentManagement deployments,
      IncidentLookup incidents,
      Fmt fmt) {
    this.releases = releases;
    this.products = products;
    this.deployments = deployments;
    this.incidents = incidents;
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
    List<Release> active =
        releases.active(me).stream().filter(r -> byKey.containsKey(r.product())).toList();
    Map<String, List<String>> mine = new HashMap<>();
    for (Release r : active) {
      mine.put(r.id().value(), waitingOnMe(r, releases.actionsFor(me, r)));
    }
    List<OpenIncident> open =
        byKey.isEmpty() ? List.of() : incidents.openIncidents(List.copyOf(byKey.keySet()));
    List<Board.Row> rows =
        active.stream()
            .filter(r -> filters.status() == null || r.status().id().equals(filters.status()))
            .filter(r -> !filters.mine() || !mine.get(r.id().value()).isEmpty())
            .map(r -> row(r, byKey.get(r.product()), mine.get(r.id().value()), now))
            .toList();
    return new Board(
        AttentionStrip.of(active, mine, open, byKey, now, fmt),
        shown.stream().flatMap(p -> p.environments().stream()).distinct().toList(),
        shown.stream().map(this::gridRow).toList(),
        rows,
        visible,
        Arrays.stream(ReleaseStatus.values())
            .filter(ReleaseStatus::isActive)
            .map(ReleaseStatus::id)
            .toList(),
        filters);
  }

  private Board.GridRow gridRow(Product p) {
    Map<String, EnvironmentState> cells = new LinkedHashMap<>();
    deployments.environments(p.key(), p.environments()).forEach(e -> cells.put(e.name(), e));
    return new Board.GridRow(p, cells);
  }

  /**
   * What the caller can do now on a release, in words; options that are always open are left out.
   */
  static List<String> waitingOnMe(Release r, Actions actions) {
    ProcessDefinition p = r.process();
    List<String> out = new ArrayList<>();
    for (Action action : actions.all()) {
      if (!action.isOffered()) continue;
      String item = action.key();
      String what =
          switch (action.kind()) {
            case "meet" ->
                "Meet “" + p.requirement(item).map(RequirementDef::title).orElse(item) + "”";
            case "complete" -> "Complete “" + p.step(item).map(StepDef::title).orElse(item) + "”";
            case "decide" -> item.equals("go") ? "Decide go / no-go" : null;
            case "acknowledge" -> "Acknowledge the handoff “" + handoff(p, item) + "”";
            default -> null; // starting, skipping, notes and cancelling are open, not waiting
          };
      if (what != null && !out.contains(what)) out.add(what);
    }
    return out;
  }

  private Board.Row row(Release r, Product product, List<String> myActions, Instant now) {
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
        owner,
        owner == null ? null : people(product, owner),
        openRequirements,
        fmt.between(r.lastActivityAt(), now),
        fmt.time(r.lastActivityAt()),
        blockers.stream().limit(SHOWN).toList(),
        Math.max(0, blockers.size() - SHOWN),
        myActions);
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
