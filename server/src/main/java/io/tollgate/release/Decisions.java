package io.tollgate.release;

import io.tollgate.shared.Refused;
import java.util.ArrayList;
import java.util.List;

/**
 * Every go/no-go decision of a release, newest last. A new decision is a compare-and-set on the
 * latest: it names the decision it replaces ({@code replaces}, 1-based), or, naming none, is
 * refused while the latest decision is the last thing that happened on the release. So two people
 * deciding at the same moment never both succeed, and a decision after other changes needs no
 * ceremony. Also who may decide.
 */
final class Decisions {
  private final List<Decision> all;

  Decisions(List<Decision> all) {
    this.all = new ArrayList<>(all);
  }

  List<Decision> all() {
    return List.copyOf(all);
  }

  Decision latest() {
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  void add(Decision decision) {
    all.add(decision);
  }

  /**
   * Records a freeze override a production deploy uses in the snapshot of the go decision it
   * deploys under (the latest); false when the latest decision is no go.
   */
  boolean overrideUsed(FreezeOverrideUse use) {
    Decision latest = latest();
    if (latest == null || !latest.isGo()) return false;
    all.set(all.size() - 1, latest.withOverrideUsed(use));
    return true;
  }

  /**
   * Marks the latest decision stale when it is a go that still stands; false when there is none (a
   * no-go, no decision, or a go already stale). The stale decision stays in the history.
   */
  boolean markStale(String because) {
    Decision latest = latest();
    if (latest == null || !latest.isGo() || latest.stale()) return false;
    all.set(all.size() - 1, latest.wentStale(because));
    return true;
  }

  /**
   * Why a decision replacing {@code replaces} may not be recorded on the release at {@code
   * revision}, or null when it may.
   */
  Refused conflict(Integer replaces, long revision) {
    Decision latest = latest();
    int standing = all.size();
    if (replaces != null) {
      if (replaces == standing) return null;
      return Refused.because(
          "You meant to replace decision "
              + replaces
              + ", but "
              + (standing == 0 ? "no decision stands" : "the latest is decision " + standing)
              + describe(latest)
              + ". Reload the release and decide again.");
    }
    if (latest != null && latest.revision() != null && latest.revision() == revision) {
      return Refused.because(
          "Decision "
              + standing
              + describe(latest)
              + " was just recorded and nothing changed since. To replace it, send"
              + " \"replaces\": "
              + standing
              + " (or If-Match with the release's current ETag).");
    }
    return null;
  }

  /**
   * Whether the participant may record the verdict: the decision step's owner, before production
   * was attempted; go only without blockers.
   */
  static Action check(
      Decision.Verdict verdict,
      Participant by,
      String owner,
      boolean productionAttempted,
      List<io.tollgate.shared.Blocker> goBlockers) {
    String key = verdict.id();
    if (!by.holds(owner)) {
      return Action.notOffered(
          "decide",
          key,
          io.tollgate.shared.Forbidden.needsRole(
              owner, "The go/no-go decision", by.username(), by.sortedRoles()));
    }
    if (productionAttempted) {
      return Action.notOffered(
          "decide",
          key,
          Refused.because(
              "The release has already been deployed past the decision; a new decision cannot"
                  + " change that."));
    }
    return goBlockers.isEmpty()
        ? Action.offered("decide", key)
        : Action.blocked(
            "decide",
            key,
            "Go is refused: "
                + goBlockers.size()
                + " item(s) not done yet: "
                + OrderPolicy.describe(goBlockers)
                + ".",
            goBlockers);
  }

  private static String describe(Decision latest) {
    return latest == null
        ? ""
        : " (" + latest.decision().id() + " by " + latest.by() + " at " + latest.at() + ")";
  }
}
