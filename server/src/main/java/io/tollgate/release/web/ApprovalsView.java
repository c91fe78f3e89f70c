package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tollgate.release.Approval;
import io.tollgate.release.Release;
import java.util.List;

/**
 * A release's approvals in its JSON: what its process asks for (a quorum per role) and what was
 * given toward the next decision.
 */
@Schema(name = "ReleaseApprovals")
record ApprovalsView(
    @Schema(description = "per role asked for: its quorum and who approved as it")
        List<Needed> required,
    @Schema(description = "the approvals given toward the next decision, oldest first")
        List<Approval> given) {

  /** One role asked for. */
  @Schema(name = "ApprovalNeeded")
  record Needed(String role, int quorum, List<String> approvedBy, boolean complete) {}

  static ApprovalsView of(Release r) {
    return new ApprovalsView(
        r.approvalsRequired().stream()
            .map(
                d -> {
                  List<String> by =
                      r.approvals().stream()
                          .filter(a -> a.role().equals(d.role()))
                          .map(Approval::by)
                          .toList();
                  return new Needed(d.role(), d.quorum(), by, by.size() >= d.quorum());
                })
            .toList(),
        r.approvals());
  }
}
