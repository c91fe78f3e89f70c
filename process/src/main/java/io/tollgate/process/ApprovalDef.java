package io.tollgate.process;

import java.util.Set;

/**
 * An approval the go decision needs: {@code quorum} different people holding {@code role} approve a
 * release before it may go. The approvals of one release come from distinct people, none of them
 * the person who requested (planned) it.
 *
 * @param role the role whose holders approve
 * @param quorum how many of them, at least 1
 * @param appliesTo the release types that need it
 */
public record ApprovalDef(String role, int quorum, Set<ReleaseType> appliesTo) {
  /** The most approvals one role can be asked for. */
  public static final int MAX_QUORUM = 10;

  public ApprovalDef {
    appliesTo = Set.copyOf(appliesTo);
    if (quorum < 1 || quorum > MAX_QUORUM) {
      throw new IllegalArgumentException("quorum " + quorum + " is not within 1.." + MAX_QUORUM);
    }
  }

  public boolean appliesTo(ReleaseType type) {
    return appliesTo.contains(type);
  }
}
