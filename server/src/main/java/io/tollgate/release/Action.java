package io.tollgate.release;

import io.tollgate.shared.Blocker;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import java.util.List;

/**
 * What a command would do for a participant now, found without running it: the one answer both the
 * command (which throws {@link #orThrow} before changing anything) and the pages (which show an
 * offered action as a form, a blocked one disabled with its blockers, and nothing else) use.
 *
 * @param kind the command: {@code meet}, {@code start}, {@code complete}, {@code skip}, {@code
 *     approve}, {@code decide}, {@code acknowledge}, {@code notes}, {@code cancel}
 * @param key what it acts on: a requirement, step or handoff key, the role an approval counts for,
 *     {@code go}/{@code no-go}, a notes field; empty for cancel
 * @param availability offered now, the participant's but blocked, or not offered
 * @param refusal why not, for a blocked or not offered action (its blockers, when blocked); null
 *     when offered
 */
public record Action(
    String kind, String key, Availability availability, TollgateException refusal) {

  /** Whether the participant can do it now, could once something else is done, or cannot. */
  public enum Availability {
    OFFERED,
    BLOCKED,
    NOT_OFFERED
  }

  public static Action offered(String kind, String key) {
    return new Action(kind, key, Availability.OFFERED, null);
  }

  /** The participant's to do, but it waits for the blockers. */
  public static Action blocked(String kind, String key, String detail, List<Blocker> blockers) {
    return new Action(kind, key, Availability.BLOCKED, Refused.because(detail, blockers));
  }

  /** Not the participant's to do now (wrong role, already done, unknown, not applicable). */
  public static Action notOffered(String kind, String key, TollgateException why) {
    return new Action(kind, key, Availability.NOT_OFFERED, why);
  }

  public boolean isOffered() {
    return availability == Availability.OFFERED;
  }

  public boolean isBlocked() {
    return availability == Availability.BLOCKED;
  }

  /**
   * Offered, and something the release waits for the participant to do (meet, complete, decide go,
   * acknowledge): starting, skipping, notes, no-go and cancelling are always open, not waiting.
   */
  public boolean isWaiting() {
    if (!isOffered()) return false;
    return switch (kind) {
      case "meet", "complete", "acknowledge" -> true;
      case "decide" -> key.equals("go");
      default -> false;
    };
  }

  /** Offered or blocked: the participant's action, shown (disabled while blocked). */
  public boolean isShown() {
    return availability != Availability.NOT_OFFERED;
  }

  public List<Blocker> blockers() {
    return refusal == null ? List.of() : refusal.blockers();
  }

  /** Why it is not offered, for a person to read; empty when offered. */
  public String reason() {
    return refusal == null ? "" : refusal.getMessage();
  }

  /** The command's guard: throws the refusal unless the action is offered. */
  public void orThrow() {
    if (refusal != null) throw refusal;
  }

  /** This action unless it is offered, else the next check's: checks run in order. */
  public Action then(java.util.function.Supplier<Action> next) {
    return isOffered() ? next.get() : this;
  }
}
