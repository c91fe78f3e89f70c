package io.tollgate.notify;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The guide's communication, as the subscriptions a new product starts with (email): window
 * scheduled → stakeholders; decision → stakeholders and devops; deployments → devops and the
 * release manager; announce → stakeholders and support; incident opened → stakeholders and on-call
 * (devops); incident resolved → stakeholders; customer-facing communication (support's version of
 * the notes on announce, the playbook's status message) → the customer list. The roles are the
 * process's: the release manager owns the decision, devops the deploy steps, support the role keyed
 * {@code support}; a role the process lacks is left out. Handoffs reach people: "your turn" to the
 * receiving role's people, and the release manager when one waits past its SLA.
 */
public final class DefaultSubscriptions {
  private DefaultSubscriptions() {}

  /** One default: the events and the email audience. */
  public record Default(List<String> events, List<String> to) {}

  public static List<Default> of(ProcessDefinition process) {
    String manager = "role:" + process.decisionStep().owner();
    Set<String> deployers = new LinkedHashSet<>();
    for (StepDef s : process.steps()) {
      if (s.kind() == StepKind.DEPLOY) deployers.add("role:" + s.owner());
    }
    List<String> devops = List.copyOf(deployers);
    List<String> support = process.hasRole("support") ? List.of("role:support") : List.of();
    List<Default> defaults = new ArrayList<>();
    defaults.add(new Default(List.of("release.window-scheduled"), List.of("stakeholders")));
    defaults.add(new Default(List.of("decision.recorded"), plus(List.of("stakeholders"), devops)));
    defaults.add(
        new Default(
            List.of("deployment.started", "deployment.succeeded", "deployment.failed"),
            plus(devops, List.of(manager))));
    defaults.add(new Default(List.of("release.announced"), plus(List.of("stakeholders"), support)));
    defaults.add(new Default(List.of("incident.opened"), plus(List.of("stakeholders"), devops)));
    defaults.add(new Default(List.of("incident.resolved"), List.of("stakeholders")));
    defaults.add(
        new Default(
            List.of("customers.release-announced", "customers.status-communicated"),
            List.of("customers")));
    if (!process.handoffs().isEmpty()) {
      defaults.add(
          new Default(
              List.of("handoff.handed", "handoff.reminded"), List.of(Audience.RECEIVING_ROLE)));
      defaults.add(new Default(List.of("handoff.escalated"), List.of(manager)));
    }
    return List.copyOf(defaults);
  }

  private static List<String> plus(List<String> a, List<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
