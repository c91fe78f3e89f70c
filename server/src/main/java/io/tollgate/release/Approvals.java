package io.tollgate.release;

import io.tollgate.process.ApprovalDef;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ReleaseType;
import io.tollgate.release.ReleaseEvent.ApprovalGiven;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approvals a release's go decision needs ({@code approvals} of its process, for its type) and
 * those given for it. Each role needs its quorum; every approval comes from a different person, a
 * person holding the role, who is not the release's requester (the person who planned it). The
 * approvals given count toward the next decision: a decision keeps them in its snapshot, and the
 * decision after it needs new ones.
 */
final class Approvals {
  static final String BLOCKER_KIND = "approval";

  private final ProcessDefinition process;
  private final ReleaseType type;
  private final List<Approval> given;

  Approvals(ProcessDefinition process, ReleaseType type, List<Approval> given) {
    this.process = process;
    this.type = type;
    this.given = new ArrayList<>(given);
  }

  /** Given for the next decision, oldest first. */
  List<Approval> given() {
    return List.copyOf(given);
  }

  /** What the release's go decision needs, in process order. */
  List<ApprovalDef> required() {
    return process.approvalsFor(type);
  }

  /** Who approved as the role, oldest first. */
  List<String> approvers(String role) {
    return given.stream().filter(a -> a.role().equals(role)).map(Approval::by).toList();
  }

  /** What go waits for: each role short of its quorum, in process order. */
  List<Blocker> blockers() {
    List<Blocker> blockers = new ArrayList<>();
    for (ApprovalDef def : required()) {
      List<String> by = approvers(def.role());
      if (by.size() >= def.quorum()) continue;
      String name = process.role(def.role()).map(io.tollgate.process.Role::name).orElse(def.role());
      blockers.add(
          new Blocker(
              BLOCKER_KIND,
              def.role(),
              name
                  + ": "
                  + by.size()
                  + " of "
                  + def.quorum()
                  + " approval(s)"
                  + (by.isEmpty() ? "" : ", by " + String.join(", ", by))));
    }
    return blockers;
  }

  /**
   * Whether the person may approve now, and for which role (the action's key): the one named, or
   * else the first required role they hold that is short of its quorum.
   *
   * @param role the role the approver names, or null to let it be chosen
   *     <p>Never the release's requester (who planned it); not once go was decided (approvals are
   *     given before go) or production was attempted (no decision can be made any more).
   */
  Action check(String role, Participant by, ReleaseState release) {
    String requester = release.createdBy;
    Decision latest = release.decisions.latest();
    boolean productionAttempted = release.steps.productionAttempted();
    String key = role == null ? "" : role;
    List<ApprovalDef> required = required();
    if (required.isEmpty()) {
      return Action.notOffered(
          "approve",
          key,
          Refused.because(
              "This release needs no approvals: its process ("
                  + process.id()
                  + ") asks for none on a "
                  + type.id()
                  + " release."));
    }
    if (productionAttempted) {
      return Action.notOffered(
          "approve",
          key,
          Refused.because(
              "The release has already been deployed past the decision; approvals are for a go"
                  + " decision still to come."));
    }
    if (latest != null && latest.isGo()) {
      return Action.notOffered(
          "approve",
          key,
          Refused.because(
              "Go was already decided (by "
                  + latest.by()
                  + " at "
                  + latest.at()
                  + ", with its approvals); approvals are given before a go decision."));
    }
    List<String> roles = required.stream().map(ApprovalDef::role).toList();
    if (role != null && !roles.contains(role)) {
      return Action.notOffered(
          "approve",
          key,
          Invalid.because(
              "The role '"
                  + role
                  + "' gives no approval this release needs; it needs approvals of "
                  + String.join(", ", roles)
                  + "."));
    }
    if (!by.isPerson()) {
      return Action.notOffered(
          "approve",
          key,
          Forbidden.because("Approvals are given by people; " + by.username() + " is not one."));
    }
    List<ApprovalDef> held =
        required.stream()
            .filter(d -> by.holds(d.role()) && (role == null || d.role().equals(role)))
            .toList();
    if (held.isEmpty()) {
      return Action.notOffered(
          "approve",
          key,
          Forbidden.because(
              "Approving this release needs the role "
                  + (role != null ? "'" + role + "'" : "of one of " + String.join(", ", roles))
                  + "; "
                  + by.username()
                  + " holds "
                  + (by.roles().isEmpty() ? "none" : String.join(", ", by.sortedRoles()))
                  + "."));
    }
    if (by.username().equals(requester)) {
      return Action.notOffered(
          "approve",
          key,
          Forbidden.because(
              "You requested this release (you planned it); its approvals must come from other"
                  + " people."));
    }
    Optional<Approval> mine = given.stream().filter(a -> a.by().equals(by.username())).findFirst();
    if (mine.isPresent()) {
      return Action.notOffered(
          "approve",
          key,
          Refused.because(
              "You already approved this release as "
                  + mine.get().role()
                  + " (at "
                  + mine.get().at()
                  + "); each approval must come from a different person."));
    }
    for (ApprovalDef def : held) {
      if (approvers(def.role()).size() < def.quorum()) return Action.offered("approve", def.role());
    }
    List<String> complete =
        held.stream()
            .map(
                d ->
                    d.role()
                        + " "
                        + d.quorum()
                        + " of "
                        + d.quorum()
                        + ": "
                        + String.join(", ", approvers(d.role())))
            .toList();
    return Action.notOffered(
        "approve",
        key,
        Refused.because(
            (held.size() == 1 ? "The role you approve as has" : "Every role you approve as has")
                + " all the approvals it needs ("
                + String.join("; ", complete)
                + ")."));
  }

  /** Records an approval that {@link #check} offered for {@code role}, with its comment if any. */
  List<ReleaseEvent> approve(
      ReleaseId release, String role, String comment, Participant by, Instant now) {
    String said = comment == null || comment.isBlank() ? null : comment.strip();
    given.add(new Approval(role, by.username(), now, said));
    int quorum =
        required().stream().filter(d -> d.role().equals(role)).findFirst().orElseThrow().quorum();
    return List.of(new ApprovalGiven(release, role, approvers(role).size(), quorum));
  }

  /** The approvals a decision is recorded with; the next decision starts with none. */
  List<Approval> takeForDecision() {
    List<Approval> taken = List.copyOf(given);
    given.clear();
    return taken;
  }
}
