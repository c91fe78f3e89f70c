package io.tollgate.notify;

import io.tollgate.shared.Invalid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The notification vocabulary (the {@code type} of every message, api.md "Notifications", plus the
 * customer-facing {@code customers.*}: support's version of the notes on announce, and the status
 * message of the playbook's {@code tell-customers} step) and the patterns a subscription names: an
 * exact type, {@code area.*}, or {@code *} for all.
 */
public final class EventTypes {
  public static final List<String> ALL =
      List.of(
          "release.planned",
          "release.window-scheduled",
          "requirement.met",
          "step.completed",
          "step.failed",
          "handoff.handed",
          "handoff.acknowledged",
          "handoff.reminded",
          "handoff.escalated",
          "decision.recorded",
          "deployment.started",
          "deployment.succeeded",
          "deployment.failed",
          "release.announced",
          "release.closed",
          "release.cancelled",
          "incident.opened",
          "incident.step-completed",
          "incident.resolved",
          "customer-issue.reported",
          "customers.release-announced",
          "customers.status-communicated");

  private static final Set<String> KNOWN = Set.copyOf(ALL);

  private EventTypes() {}

  /** Whether the pattern ({@code *}, {@code area.*} or an exact type) matches the type. */
  public static boolean matches(String pattern, String type) {
    if (pattern.equals("*")) return true;
    if (pattern.endsWith(".*")) return type.startsWith(pattern.substring(0, pattern.length() - 1));
    return pattern.equals(type);
  }

  /** Whether any of the patterns matches the type. */
  public static boolean matchesAny(List<String> patterns, String type) {
    for (String p : patterns) if (matches(p, type)) return true;
    return false;
  }

  /**
   * The patterns as given, checked: each must match at least one type of the vocabulary. A bad one
   * is refused with 422 naming it ({@code events[1]}).
   */
  public static List<String> check(List<String> patterns) {
    if (patterns == null || patterns.isEmpty()) {
      throw Invalid.field(
          "events", "Name at least one event type, e.g. [\"release.*\"] or [\"*\"] for all.");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      String p = patterns.get(i) == null ? "" : patterns.get(i).strip();
      boolean known = p.equals("*") || KNOWN.contains(p);
      if (!known && p.endsWith(".*")) known = ALL.stream().anyMatch(t -> matches(p, t));
      if (!known) {
        throw Invalid.field(
            "events[" + i + "]",
            "'"
                + p
                + "' is not an event type or pattern; use '*', an area such as 'release.*', or"
                + " one of: "
                + String.join(", ", ALL)
                + ".");
      }
      if (!out.contains(p)) out.add(p);
    }
    return List.copyOf(out);
  }
}
