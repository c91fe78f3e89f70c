package io.tollgate.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which notification types an audit event stands for, most specific first: completing the step
 * keyed {@code schedule-window} is {@code release.window-scheduled} (and {@code step.completed}),
 * {@code announce} is {@code release.announced}, a step that leaves the release {@code closed} is
 * {@code release.closed}, a deploy step started is {@code deployment.started}; announcing is also
 * {@code customers.release-announced}, and a playbook step that told customers (its payload holds
 * {@code customerMessage}) {@code customers.status-communicated}. A subscription gets one message
 * per event: the first of these types it asked for. Events outside the vocabulary (sign-ins,
 * memberships, notes edits) notify nobody.
 */
public final class NotificationTypes {
  private NotificationTypes() {}

  /**
   * @param auditType the audit event's type
   * @param fact a payload field by name (null when absent)
   * @param deployStep whether a step key names a deploy step of the release's process
   */
  public static List<String> of(
      String auditType, Function<String, String> fact, Function<String, Boolean> deployStep) {
    List<String> types = new ArrayList<>(3);
    switch (auditType) {
      case "step.completed" -> {
        String step = fact.apply("step");
        if ("schedule-window".equals(step)) types.add("release.window-scheduled");
        if ("announce".equals(step)) {
          types.add("release.announced");
          types.add("customers.release-announced");
        }
        if ("closed".equals(fact.apply("status"))) types.add("release.closed");
        types.add("step.completed");
      }
      case "step.started" -> {
        String step = fact.apply("step");
        if (step != null && Boolean.TRUE.equals(deployStep.apply(step))) {
          types.add("deployment.started");
        }
      }
      case "incident.step-completed" -> {
        // a tell-customers step recorded the status message it sends
        if (fact.apply("customerMessage") != null) types.add("customers.status-communicated");
        types.add(auditType);
      }
      case "release.planned",
          "requirement.met",
          "step.failed",
          "handoff.handed",
          "handoff.acknowledged",
          "handoff.reminded",
          "handoff.escalated",
          "decision.recorded",
          "deployment.succeeded",
          "deployment.failed",
          "release.cancelled",
          "incident.opened",
          "incident.resolved",
          "customer-issue.reported" ->
          types.add(auditType);
      default -> {
        // not a notification
      }
    }
    return types;
  }

  /** The first of the types (most specific first) that the patterns ask for, or null. */
  public static String chosen(List<String> types, List<String> patterns) {
    for (String t : types) if (EventTypes.matchesAny(patterns, t)) return t;
    return null;
  }
}
