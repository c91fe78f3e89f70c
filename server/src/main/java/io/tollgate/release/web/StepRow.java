package io.tollgate.release.web;

import io.tollgate.process.StepDef;
import io.tollgate.product.Member;
import io.tollgate.release.Actions;
import io.tollgate.release.Release;
import io.tollgate.release.StepState;
import io.tollgate.release.StepStatus;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.util.List;

/**
 * One checklist step on the release page: where it stands, what it waits for, and its complete and
 * skip actions.
 */
record StepRow(
    String key,
    String title,
    String owner,
    String people,
    String kind,
    String environment,
    boolean optional,
    String status,
    String icon,
    String css,
    String by,
    String at,
    String note,
    String evidenceUrl,
    String outcome,
    int attempts,
    List<Blocker> blockers,
    boolean complete,
    boolean completeShown,
    List<Blocker> completeBlockers,
    boolean skip,
    boolean needsOutcome,
    boolean decision,
    boolean next) {
  /** A pending step that waits for others shows as blocked, with this mark. */
  static final String BLOCKED_ICON = "🔒";

  static StepRow of(
      Release r,
      StepDef def,
      StepState s,
      Actions actions,
      List<Member> members,
      List<StepDef> actionable,
      Fmt fmt) {
    boolean settled = s.status().isSettled();
    List<Blocker> blockers = settled ? List.of() : r.blockersOf(def);
    String status =
        !settled && s.status() != StepStatus.FAILED && !blockers.isEmpty()
            ? "blocked"
            : s.status().id();
    String css =
        switch (s.status()) {
          case DONE -> "s-done";
          case FAILED -> "s-failed";
          case RUNNING -> "s-running";
          case SKIPPED -> "s-skipped";
          default -> actionable.contains(def) ? "s-next" : "";
        };
    return new StepRow(
        s.key(),
        def.title(),
        def.owner(),
        ReleasePageModel.people(members, def.owner()),
        def.kind().id(),
        def.environment(),
        def.optional(),
        status,
        "blocked".equals(status) ? BLOCKED_ICON : s.status().icon(),
        css,
        s.by(),
        fmt.time(s.at()),
        s.note(),
        s.evidence() == null ? null : s.evidence().url(),
        s.outcome() == null ? null : s.outcome().id(),
        s.attempts(),
        blockers,
        actions.offered("complete", s.key()),
        actions.shown("complete", s.key()),
        actions.blockers("complete", s.key()),
        actions.offered("skip", s.key()),
        def.kind().needsOutcome(),
        def.isDecision(),
        actionable.contains(def));
  }
}
