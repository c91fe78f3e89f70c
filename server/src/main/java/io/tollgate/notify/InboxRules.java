package io.tollgate.notify;

import java.util.List;
import java.util.function.Function;

/**
 * Which events wait on whom, in the notifications menu: a handed handoff on the people of the role
 * it goes to ("your turn"); an escalated handoff on the release manager; an incident on devops
 * (on-call) and the release manager; a customer-reported issue on support and the release manager.
 */
public final class InboxRules {
  /** The types that wait on somebody. */
  public static final java.util.Set<String> WAITING =
      java.util.Set.of(
          "handoff.handed",
          "handoff.reminded",
          "handoff.escalated",
          "incident.opened",
          "customer-issue.reported");

  private InboxRules() {}

  /**
   * The roles whose people get the event in their menu; empty when it waits on nobody.
   *
   * @param fact the event's payload by field name
   * @param manager the release manager's role in the product's process
   * @param onCall the roles that deploy (on call for incidents)
   */
  public static List<String> roles(
      String type, Function<String, String> fact, String manager, List<String> onCall) {
    return switch (type) {
      case "handoff.handed", "handoff.reminded" ->
          fact.apply("to") == null ? List.of() : List.of(fact.apply("to"));
      case "handoff.escalated" -> List.of(manager);
      case "incident.opened" -> plus(onCall, manager);
      case "customer-issue.reported" -> List.of("support", manager);
      default -> List.of();
    };
  }

  private static List<String> plus(List<String> roles, String role) {
    java.util.List<String> all = new java.util.ArrayList<>(roles);
    if (!all.contains(role)) all.add(role);
    return List.copyOf(all);
  }
}
