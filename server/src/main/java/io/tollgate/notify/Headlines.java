package io.tollgate.notify;

import java.util.function.Function;

/**
 * What happened, in a few words, for a message's subject line ("deployed to production"): with the
 * product and version in front it says the whole news.
 */
public final class Headlines {
  private Headlines() {}

  /** The headline of a message of this type; {@code fact} reads the event's payload. */
  public static String of(String type, Function<String, String> fact) {
    String title = or(fact.apply("title"), or(fact.apply("step"), fact.apply("requirement")));
    String env = or(fact.apply("environment"), "an environment");
    return switch (type) {
      case "release.planned" -> "release planned";
      case "release.window-scheduled" -> "release window scheduled";
      case "requirement.met" -> "requirement met: " + title;
      case "step.completed" -> "step done: " + title;
      case "step.failed" -> "step failed: " + title;
      case "handoff.handed" -> "your turn, " + or(fact.apply("to"), "next role") + ": handoff";
      case "handoff.reminded" ->
          "reminder, "
              + or(fact.apply("to"), "next role")
              + ": the handoff waits for you (SLA "
              + or(fact.apply("sla"), "soon")
              + ")";
      case "handoff.escalated" ->
          "handoff to "
              + or(fact.apply("to"), "next role")
              + " not acknowledged within "
              + or(fact.apply("sla"), "its SLA");
      case "handoff.acknowledged" -> "handoff acknowledged by " + or(fact.apply("to"), "next role");
      case "decision.recorded" -> "decision: " + or(fact.apply("decision"), "recorded");
      case "deployment.started" -> "deployment to " + env + " started";
      case "deployment.succeeded" -> "deployed to " + env;
      case "deployment.failed" -> "deployment to " + env + " failed";
      case "release.announced" -> "released and announced";
      case "release.closed" -> "release closed";
      case "release.cancelled" -> "release cancelled";
      case "incident.opened" -> "incident opened (" + or(fact.apply("severity"), "unknown") + ")";
      case "incident.step-completed" -> "incident step done: " + title;
      case "incident.resolved" -> "incident resolved";
      case "customers.release-announced" -> "announced to customers";
      case "customers.status-communicated" -> "status sent to customers";
      case "customer-issue.reported" ->
          "customer issue reported (" + or(fact.apply("severity"), "unknown") + ")";
      default -> type;
    };
  }

  private static String or(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
