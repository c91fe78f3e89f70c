package io.tollgate.release;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import io.tollgate.shared.Blocker;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * During a production freeze no release deploys to production: its production deploy step (a deploy
 * step that waits for the go decision) neither starts nor is completed by hand, unless the release
 * holds an approved emergency override of that freeze. A run that started before the freeze still
 * ends: completing a running step records what already happened.
 */
public final class FreezePolicy {
  public static final String BLOCKER_KIND = "freeze";

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private FreezePolicy() {}

  /** Whether the step deploys to production: a deploy step behind the go decision. */
  public static boolean guards(StepDef def, ProcessDefinition process) {
    return def != null
        && def.kind() == io.tollgate.process.StepKind.DEPLOY
        && process.gatedDeploySteps().contains(def.key());
  }

  /**
   * The action as the freezes leave it: an offered start or complete of a production deploy step is
   * blocked by each freeze covering {@code now} that the release has no approved override for.
   *
   * @param running whether the step is running (its completion is not refused)
   */
  public static Action guard(
      Action action,
      StepDef def,
      ProcessDefinition process,
      boolean running,
      List<FrozenPeriod> periods,
      Instant now) {
    if (!action.isOffered() || !guards(def, process)) return action;
    if (running && action.kind().equals("complete")) return action;
    List<Blocker> blockers =
        periods.stream()
            .filter(p -> p.covers(now) && !p.overridden())
            .map(p -> new Blocker(BLOCKER_KIND, p.freeze(), title(p)))
            .toList();
    if (blockers.isEmpty()) return action;
    return Action.blocked(
        action.kind(),
        action.key(),
        "Production is frozen: "
            + blockers.get(0).title()
            + ". Step '"
            + action.key()
            + "' waits until the freeze ends, or for an emergency override approved by a second"
            + " release manager (POST /api/v1/releases/{id}/freeze-override {\"reason\": …}).",
        blockers);
  }

  /**
   * Every action of a release as the freezes leave it (the pages' view); {@code periods} is asked
   * only when a production deploy is offered.
   */
  public static Actions guard(
      Actions actions,
      Release release,
      java.util.function.Supplier<List<FrozenPeriod>> periods,
      Instant now) {
    List<FrozenPeriod> known = null;
    List<Action> guarded = new java.util.ArrayList<>(actions.all().size());
    for (Action a : actions.all()) {
      StepDef def =
          a.kind().equals("start") || a.kind().equals("complete")
              ? release.process().step(a.key()).orElse(null)
              : null;
      if (a.isOffered() && guards(def, release.process())) {
        if (known == null) known = periods.get();
        guarded.add(guard(a, def, release.process(), running(release, a.key()), known, now));
      } else {
        guarded.add(a);
      }
    }
    return new Actions(guarded);
  }

  /** Whether the release's step is running. */
  static boolean running(Release release, String step) {
    return release.steps().stream()
        .anyMatch(s -> s.key().equals(step) && s.status() == StepStatus.RUNNING);
  }

  /** The approved overrides the deploy uses now: the covering freezes it is let through. */
  public static List<FrozenPeriod> overridesUsed(List<FrozenPeriod> periods, Instant now) {
    return periods.stream().filter(p -> p.covers(now) && p.overridden()).toList();
  }

  /**
   * Warnings for a planned window: each freeze occurrence it overlaps and the release has no
   * override for. A release whose window lies in a freeze is refused when it deploys then.
   */
  public static List<String> windowWarnings(Window window, List<FrozenPeriod> periods) {
    if (window == null || window.start() == null) return List.of();
    Instant end = window.end() == null ? window.start().plusSeconds(1) : window.end();
    return periods.stream()
        .filter(p -> !p.overridden() && p.overlaps(window.start(), end))
        .map(
            p ->
                "The planned window overlaps a production freeze ("
                    + title(p)
                    + "): deploying to production then is refused unless an emergency override"
                    + " is approved.")
        .toList();
  }

  /** "Quarter-end close, until 2026-12-31 23:59 UTC". */
  public static String title(FrozenPeriod p) {
    return p.reason() + ", until " + UTC.format(p.end());
  }
}
