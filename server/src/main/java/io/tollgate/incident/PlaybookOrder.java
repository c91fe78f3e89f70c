package io.tollgate.incident;

import io.tollgate.process.Playbook;
import io.tollgate.process.PlaybookStepDef;
import io.tollgate.release.Action;
import io.tollgate.shared.Blocker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A playbook step waits for the steps it comes after, until they are done or skipped. */
final class PlaybookOrder {
  private PlaybookOrder() {}

  /** Completing the step: offered, or blocked by the steps still pending before it. */
  static Action check(Playbook playbook, String key, Function<String, String> statusOf) {
    List<Blocker> blockers = new ArrayList<>();
    for (String after : playbook.step(key).orElseThrow().after()) {
      if (statusOf.apply(after).equals(PlaybookStepStatus.PENDING.id())) {
        PlaybookStepDef dep = playbook.step(after).orElseThrow();
        blockers.add(new Blocker("playbook-step", after, dep.title() + " (" + dep.owner() + ")"));
      }
    }
    return blockers.isEmpty()
        ? Action.offered("complete", key)
        : Action.blocked(
            "complete",
            key,
            "Playbook step '"
                + key
                + "' waits for: "
                + String.join(", ", blockers.stream().map(Blocker::key).toList())
                + ".",
            blockers);
  }
}
