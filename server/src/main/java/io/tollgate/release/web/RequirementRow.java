package io.tollgate.release.web;

import io.tollgate.process.RequirementDef;
import io.tollgate.release.Actions;
import io.tollgate.release.RequirementState;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One requirement of the release on the release page, with its meet (or sign) action; its status
 * and mark come from {@link io.tollgate.release.RequirementStatus}.
 */
record RequirementRow(
    String key,
    String title,
    String owner,
    String status,
    String icon,
    String evidenceUrl,
    String evidenceNote,
    String by,
    String at,
    String signatures,
    boolean action,
    List<Blocker> actionBlockers) {
  /** The person's to do, but it waits: shown disabled with what it waits for. */
  public boolean blocked() {
    return action && !actionBlockers.isEmpty();
  }

  static RequirementRow of(RequirementDef def, RequirementState s, Actions actions, Fmt fmt) {
    String signatures =
        s.signatures().stream()
            .map(sig -> sig.role() + " signed by " + sig.by() + " " + fmt.time(sig.at()))
            .collect(Collectors.joining("; "));
    return new RequirementRow(
        s.key(),
        def.title(),
        String.join(" + ", def.signers()),
        s.status().id(),
        s.status().icon(),
        s.evidence() == null ? null : s.evidence().url(),
        s.evidence() == null ? null : s.evidence().note(),
        s.by(),
        fmt.time(s.at()),
        signatures,
        actions.shown("meet", s.key()),
        actions.blockers("meet", s.key()));
  }
}
