package io.tollgate.release;

import io.tollgate.release.ReleaseEvent.DecisionWentStale;
import io.tollgate.release.ReleaseEvent.SourceChanged;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Refused;
import java.util.ArrayList;
import java.util.List;

/**
 * What a release is built from ({@link Source}), and what a change to it does to a go decision: a
 * go stands on the commit it was made on, so commits added after it, or a CI run failing on that
 * commit, make it stale, and production waits for a new decision (the stale one stays in the
 * history).
 */
final class Sources {
  private final ReleaseId release;
  private Source source;

  Sources(ReleaseId release, Source source) {
    this.release = release;
    this.source = source;
  }

  Source source() {
    return source;
  }

  // ---------------------------------------------------------------- commands on a release

  /** Whether the participant may name the release's commit and ref now. */
  static Action canChange(Release r, Participant by) {
    return r.ending
        .refusal("source", "")
        .orElseGet(
            () -> checkChange(by, r.process.releaseManagerRole(), r.steps.productionAttempted()));
  }

  /** Names the commit and ref (a part left null stays); a new commit after go makes it stale. */
  static List<ReleaseEvent> change(Release r, String commit, String ref, Participant by) {
    Action action = canChange(r, by);
    if (action.isShown()
        && (commit == null || commit.isBlank())
        && (ref == null || ref.isBlank())) {
      throw io.tollgate.shared.BadRequest.because("Give a \"commit\", a \"ref\" or both.");
    }
    action.orThrow();
    return r.sources.change(Source.merge(r.sources.source(), commit, ref), r.decisions);
  }

  /**
   * An integration saw {@code added} commits pushed on the release's ref, ending at {@code after}.
   */
  static List<ReleaseEvent> pushed(Release r, String after, int added, Participant by) {
    requireIntegration(r, by);
    Source at = Source.of(after, null);
    if (at == null) throw io.tollgate.shared.BadRequest.missing("after");
    return r.sources.pushed(at.commit(), added, r.decisions);
  }

  /** An integration saw a CI run fail on {@code sha}. */
  static List<ReleaseEvent> ciFailed(Release r, String sha, String run, Participant by) {
    requireIntegration(r, by);
    return r.sources.ciFailed(sha, run, r.decisions);
  }

  private static void requireIntegration(Release r, Participant by) {
    r.ending.refusal("source", "").ifPresent(Action::orThrow);
    if (by.isPerson()) {
      throw Forbidden.because("Only an integration reports what happened in the repository.");
    }
  }

  // ---------------------------------------------------------------- the part

  /** The release manager names the source, until production was attempted. */
  static Action checkChange(Participant by, String owner, boolean productionAttempted) {
    if (!by.holds(owner)) {
      return Action.notOffered(
          "source",
          "",
          Forbidden.needsRole(
              owner, "Naming the release's commit and ref", by.username(), by.sortedRoles()));
    }
    if (productionAttempted) {
      return Action.notOffered(
          "source",
          "",
          Refused.because(
              "Production was deployed from this release already; plan a new release for other"
                  + " commits."));
    }
    return Action.offered("source", "");
  }

  /** Sets the source; a new commit after go makes the go stale. */
  List<ReleaseEvent> change(Source next, Decisions decisions) {
    Source before = source;
    source = next;
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(
        new SourceChanged(
            release,
            next == null ? null : next.commit(),
            next == null ? null : next.ref(),
            before == null ? null : before.commit(),
            0));
    String was = before == null ? null : before.commit();
    String now = next == null ? null : next.commit();
    if (now != null && !now.equals(was)) {
      stale(decisions, "the commit changed to " + abbrev(now) + " after go", events);
    }
    return events;
  }

  /**
   * The integration saw commits pushed on the release's ref: the release now ends at {@code after}.
   */
  List<ReleaseEvent> pushed(String after, int added, Decisions decisions) {
    if (source == null || source.ref() == null) {
      throw Refused.because("The release names no ref; a push cannot move it.");
    }
    Source before = source;
    source = new Source(after, source.ref());
    List<ReleaseEvent> events = new ArrayList<>();
    events.add(new SourceChanged(release, after, source.ref(), before.commit(), added));
    if (!after.equals(before.commit())) {
      stale(
          decisions,
          added
              + (added == 1 ? " commit was" : " commits were")
              + " pushed to "
              + source.ref()
              + " after go (now at "
              + abbrev(after)
              + ")",
          events);
    }
    return events;
  }

  /** A CI run failed on a commit: a go made on that commit is stale. */
  List<ReleaseEvent> ciFailed(String sha, String run, Decisions decisions) {
    List<ReleaseEvent> events = new ArrayList<>();
    Decision latest = decisions.latest();
    if (latest != null
        && latest.isGo()
        && latest.commit() != null
        && new Source(latest.commit(), null).isCommit(sha)) {
      stale(decisions, "CI run '" + run + "' failed on " + abbrev(sha) + " after go", events);
    }
    return events;
  }

  private void stale(Decisions decisions, String because, List<ReleaseEvent> events) {
    if (decisions.markStale(because)) {
      events.add(new DecisionWentStale(release, decisions.all().size(), because));
    }
  }

  static String abbrev(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(7, sha.length()));
  }
}
