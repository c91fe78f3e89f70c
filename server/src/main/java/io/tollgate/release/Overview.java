package io.tollgate.release;

import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the board and its filters need of a release without reading its document, kept beside it in
 * the releases table on every save: whether it is still under way, which roles it waits on, where
 * it is being deployed now, and whether a step of it failed. (Its window is kept beside it too, by
 * {@link WindowPlacement}, for the calendar; the board reads the same columns.)
 *
 * @param waitingRoles the roles a holder of which has an action the release waits for ({@link
 *     Action#isWaiting}); a superset of the people it waits on, since separation of duties can
 *     still refuse one person of a role
 * @param deploying environments a deploy step of the release is running in
 * @param failedStep a step failed while the release itself has not (it is blocked on it)
 */
public record Overview(
    boolean active, Set<String> waitingRoles, Set<String> deploying, boolean failedStep) {
  public Overview {
    waitingRoles = Set.copyOf(waitingRoles);
    deploying = Set.copyOf(deploying);
  }

  /** The overview of a release as it stands. */
  public static Overview of(Release r) {
    Set<String> waiting = new TreeSet<>();
    Set<String> deploying = new TreeSet<>();
    if (r.status().isActive()) {
      for (io.tollgate.process.Role role : r.process().roles()) {
        // a person nobody else is: only the role decides; their own past acts cannot refuse them
        Participant holder = new Participant("", Set.of(role.key()));
        if (r.actionsFor(holder).all().stream().anyMatch(Action::isWaiting)) {
          waiting.add(role.key());
        }
      }
      for (StepState s : r.steps()) {
        if (s.status() != StepStatus.RUNNING) continue;
        r.process()
            .step(s.key())
            .filter(d -> d.kind() == StepKind.DEPLOY && d.environment() != null)
            .map(StepDef::environment)
            .ifPresent(deploying::add);
      }
    }
    boolean failedStep =
        r.status().isActive()
            && r.status() != ReleaseStatus.FAILED
            && r.steps().stream().anyMatch(s -> s.status() == StepStatus.FAILED);
    return new Overview(r.status().isActive(), waiting, deploying, failedStep);
  }

  /**
   * A set as stored: ",a,b," so that one member is found with {@code like '%,a,%'}; null if empty.
   */
  public static String column(Set<String> values) {
    return values.isEmpty() ? null : "," + String.join(",", new TreeSet<>(values)) + ",";
  }
}
