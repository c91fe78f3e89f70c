package io.tollgate.release.web;

import io.tollgate.process.ApprovalDef;
import io.tollgate.process.Role;
import io.tollgate.product.Member;
import io.tollgate.release.Action;
import io.tollgate.release.Actions;
import io.tollgate.release.Approval;
import io.tollgate.release.Release;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The approvals on the go/no-go panel: for each role the release's process asks approvals of, who
 * approved and how many are still needed (and who could give them), and the Approve form when the
 * person may approve now, or why not when the approval would be theirs but is not offered.
 *
 * @param approveRole the role the person's approval would count for, when offered
 * @param whyNot why the person, holding a role asked for, may not approve now; null otherwise
 * @param decidedWith when go stands: the approvals it was decided with ("quinn as qa-lead, …"),
 *     shown instead of the rows; null otherwise
 */
record ApprovalsPanel(
    List<Row> rows, boolean canApprove, String approveRole, String whyNot, String decidedWith) {

  /**
   * One role asked for.
   *
   * @param still approvals still needed (0 when its quorum is met)
   * @param couldApprove members holding the role who could still give one
   */
  record Row(
      String role, String name, int quorum, List<Approval> given, int still, String couldApprove) {
    public boolean complete() {
      return still == 0;
    }
  }

  static ApprovalsPanel of(Release r, Actions actions, List<Member> members, String me) {
    List<ApprovalDef> required = r.approvalsRequired();
    List<String> approvers = r.approvals().stream().map(Approval::by).toList();
    List<Row> rows =
        required.stream()
            .map(
                def -> {
                  List<Approval> given =
                      r.approvals().stream().filter(a -> a.role().equals(def.role())).toList();
                  String could =
                      members.stream()
                          .filter(m -> m.roles().contains(def.role()))
                          .map(Member::username)
                          .filter(u -> !u.equals(r.createdBy()) && !approvers.contains(u))
                          .collect(Collectors.joining(", "));
                  return new Row(
                      def.role(),
                      r.process().role(def.role()).map(Role::name).orElse(def.role()),
                      def.quorum(),
                      given,
                      Math.max(0, def.quorum() - given.size()),
                      could);
                })
            .toList();
    Optional<Action> approve = actions.first("approve");
    boolean offered = approve.map(Action::isOffered).orElse(false);
    boolean holdsOne =
        members.stream()
            .filter(m -> m.username().equals(me))
            .anyMatch(m -> required.stream().anyMatch(d -> m.roles().contains(d.role())));
    String whyNot = !offered && holdsOne ? approve.map(Action::reason).orElse(null) : null;
    io.tollgate.release.Decision latest = r.latestDecision();
    String decidedWith =
        required.isEmpty() || latest == null || !latest.isGo()
            ? null
            : latest.snapshot().approvals().stream()
                .map(a -> a.by() + " as " + a.role())
                .collect(Collectors.joining(", "));
    return new ApprovalsPanel(
        rows, offered, offered ? approve.get().key() : null, whyNot, decidedWith);
  }

  public boolean any() {
    return !rows.isEmpty();
  }
}
