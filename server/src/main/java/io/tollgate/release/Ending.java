package io.tollgate.release;

import io.tollgate.release.ReleaseEvent.ReleaseCancelled;
import io.tollgate.release.ReleaseEvent.ReleaseRolledBack;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a release ends before its last step: cancelled by its release manager before production, or
 * rolled back out of an environment by an incident. Either way it takes no more work.
 */
final class Ending {
  private final ReleaseId release;
  private Cancellation cancellation;
  private Rollback rollback;

  Ending(ReleaseId release, Cancellation cancellation, Rollback rollback) {
    this.release = release;
    this.cancellation = cancellation;
    this.rollback = rollback;
  }

  Cancellation cancellation() {
    return cancellation;
  }

  Rollback rollback() {
    return rollback;
  }

  /** Cancelled or rolled back. */
  boolean ended() {
    return cancellation != null || rollback != null;
  }

  /** The refusal of any more work on an ended release, as the action; empty while it is open. */
  Optional<Action> refusal(String kind, String key) {
    if (cancellation != null) {
      return Optional.of(
          Action.notOffered(
              kind,
              key,
              Refused.because(
                  "The release was cancelled by "
                      + cancellation.by()
                      + ": "
                      + cancellation.reason())));
    }
    if (rollback != null) {
      return Optional.of(
          Action.notOffered(
              kind,
              key,
              Refused.because(
                  "The release was rolled back (incident "
                      + rollback.incident()
                      + "); plan a new release for the fix.")));
    }
    return Optional.empty();
  }

  /** Cancelling is the release manager's, once, and not after production was attempted. */
  Action checkCancel(Participant by, String owner, boolean productionAttempted) {
    if (!by.holds(owner)) {
      return Action.notOffered(
          "cancel",
          "",
          Forbidden.needsRole(owner, "Cancelling a release", by.username(), by.sortedRoles()));
    }
    if (cancellation != null) {
      return Action.notOffered(
          "cancel",
          "",
          Refused.because(
              "The release was already cancelled by "
                  + cancellation.by()
                  + ": "
                  + cancellation.reason()));
    }
    if (productionAttempted) {
      return Action.notOffered(
          "cancel",
          "",
          Refused.because(
              "The release has been deployed past the go/no-go decision and can no longer be"
                  + " cancelled; open an incident and roll back instead."));
    }
    return Action.offered("cancel", "");
  }

  /** Cancels; the caller has checked {@link #checkCancel} and the reason. */
  List<ReleaseEvent> cancel(String reason, Participant by, Instant now) {
    cancellation = new Cancellation(reason, by.username(), now);
    return List.of(new ReleaseCancelled(release, reason));
  }

  /** Records that an incident rolled the release back; once, and not after a cancellation. */
  List<ReleaseEvent> rolledBack(
      String incident, String environment, String toVersion, String by, Instant now) {
    if (rollback != null) {
      throw Refused.because(
          "The release was already rolled back by incident " + rollback.incident() + ".");
    }
    if (cancellation != null) {
      throw Refused.because("The release was cancelled; there is nothing to roll back.");
    }
    rollback = new Rollback(incident, environment, toVersion, by, now);
    return List.of(new ReleaseRolledBack(release, incident, environment, toVersion));
  }
}
