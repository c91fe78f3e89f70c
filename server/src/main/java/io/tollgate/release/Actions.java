package io.tollgate.release;

import io.tollgate.process.NotesField;
import io.tollgate.process.StepDef;
import io.tollgate.release.Decision.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every action of every command on a release for one participant, from the commands' own checks (no
 * command is run): what the pages offer, show disabled with blockers, or leave out.
 */
public record Actions(List<Action> all) {
  public Actions {
    all = List.copyOf(all);
  }

  /** A release's actions, in page order. */
  static Actions of(Release r, Participant by) {
    List<Action> all = new ArrayList<>();
    r.requirements().forEach(q -> all.add(r.canMeet(q.key(), by)));
    for (StepState s : r.steps()) {
      StepDef def = r.process().step(s.key()).orElseThrow();
      if (def.isDecision()) continue;
      if (def.kind().needsOutcome()) all.add(r.canStart(s.key(), by));
      all.add(r.canComplete(s.key(), by));
      if (def.optional()) all.add(r.canSkip(s.key(), by));
    }
    if (!r.approvalsRequired().isEmpty()) all.add(r.canApprove(null, by));
    all.add(r.canDecide(Verdict.GO, by));
    all.add(r.canDecide(Verdict.NO_GO, by));
    r.handoffs().forEach(h -> all.add(r.canAcknowledge(h.key(), by)));
    for (NotesField f : r.process().notes().fields()) all.add(r.canEditNotes(f.key(), by));
    all.add(r.canCancel(by));
    return new Actions(all);
  }

  /** The action of this kind on this key (e.g. {@code complete}, {@code backup}). */
  public Optional<Action> find(String kind, String key) {
    return all.stream().filter(a -> a.kind().equals(kind) && a.key().equals(key)).findFirst();
  }

  /** The first action of this kind, whatever its key (e.g. {@code approve}: its key is a role). */
  public Optional<Action> first(String kind) {
    return all.stream().filter(a -> a.kind().equals(kind)).findFirst();
  }

  /** Offered now. */
  public boolean offered(String kind, String key) {
    return find(kind, key).map(Action::isOffered).orElse(false);
  }

  /** The participant's to do, now or once the blockers are done. */
  public boolean shown(String kind, String key) {
    return find(kind, key).map(Action::isShown).orElse(false);
  }

  /** What the action waits for; empty when offered or not the participant's. */
  public List<io.tollgate.shared.Blocker> blockers(String kind, String key) {
    return find(kind, key).filter(Action::isBlocked).map(Action::blockers).orElse(List.of());
  }

  /** Whether any action of this kind is shown (e.g. any notes field editable). */
  public boolean anyShown(String kind) {
    return all.stream().anyMatch(a -> a.kind().equals(kind) && a.isShown());
  }
}
