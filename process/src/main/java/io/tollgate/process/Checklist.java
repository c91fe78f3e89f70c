package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import io.tollgate.process.Section.Item;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the checklist steps and checks the rules that span them: exactly one decision step, no
 * dependency cycle (counting that the decision waits for every step listed before it), and smoke
 * tests and verifications only in environments some step deploys to.
 */
final class Checklist {
  static final List<String> STEP_KEYS =
      List.of(
          "key",
          "title",
          "description",
          "owner",
          "kind",
          "environment",
          "optional",
          "after",
          "requires",
          "meets",
          "incidentOnFailure",
          "appliesTo");
  static final Set<ReleaseType> ALL_TYPES = EnumSet.allOf(ReleaseType.class);

  private final Problems problems;
  private final Section roles;
  private final Section requirements;
  private final Section steps;
  private final boolean hasPlaybookSteps;
  private final DependencyGraph graph = new DependencyGraph();
  private boolean unknownKind;

  Checklist(
      Problems problems,
      Section roles,
      Section requirements,
      Section steps,
      boolean hasPlaybookSteps) {
    this.problems = problems;
    this.roles = roles;
    this.requirements = requirements;
    this.steps = steps;
    this.hasPlaybookSteps = hasPlaybookSteps;
  }

  /** The steps with a usable key, in file order. */
  List<StepDef> read(YamlMapping process) {
    steps.keyed().forEach(item -> graph.node(item.key()));
    List<StepDef> defs = new ArrayList<>();
    for (Item item : steps.items()) {
      StepDef def = step(item);
      if (item.key() != null) {
        defs.add(def);
      }
    }
    decision(defs, process);
    environments(defs);
    for (DependencyGraph.Cycle cycle : graph.cycles()) {
      problems.add(
          cycle.line(),
          "dependency cycle among steps: "
              + cycle.describe()
              + " (each waits for the next"
              + (cycle.implicit()
                  ? "; the decision step waits for every step listed before it"
                  : "")
              + ")");
    }
    return defs;
  }

  /** Environments that deploy steps deploy to, in file order. */
  static Set<String> deployed(List<StepDef> steps) {
    Set<String> environments = new LinkedHashSet<>();
    steps.stream()
        .filter(s -> s.kind() == StepKind.DEPLOY && s.environment() != null)
        .forEach(s -> environments.add(s.environment()));
    return environments;
  }

  private StepDef step(Item item) {
    YamlMapping fields = item.fields();
    String label = fields.label();
    String title = fields.requiredText("title");
    String description = fields.text("description");
    Ref owner = fields.ref("owner", true);
    if (owner != null) {
      roles.check(owner, label + " has unknown owner role", problems);
    }
    StepKind kind =
        fields.choice("kind", StepKind.MANUAL, List.of(StepKind.values()), StepKind::id);
    // with an unknown kind, the rules that depend on the kind would only report noise
    unknownKind |= kind == null;
    String environment = kind == null ? fields.text("environment") : environment(fields, kind);
    boolean optional = fields.bool("optional", false);
    List<String> after = new ArrayList<>();
    for (Ref ref : fields.refs("after", "step keys")) {
      if (steps.check(ref, label + " waits for unknown step", problems)) {
        after.add(ref.value());
        if (item.key() != null) {
          graph.edge(item.key(), ref.value(), ref.line(), false);
        }
      }
    }
    List<String> requires = known(fields.refs("requires", "requirement keys"), label + " requires");
    List<String> meets = known(fields.refs("meets", "requirement keys"), label + " meets");
    if (kind != null && !meets.isEmpty() && !kind.needsOutcome()) {
      problems.add(
          fields.lineOf("meets"),
          label
              + " is a "
              + kind.id()
              + " step and cannot meet requirements; only deploy, smoke-test and verification"
              + " steps succeed or fail");
    }
    boolean incidentOnFailure = fields.bool("incidentOnFailure", false);
    if (incidentOnFailure && kind != null && !kind.needsOutcome()) {
      problems.add(
          fields.lineOf("incidentOnFailure"),
          label
              + " is a "
              + kind.id()
              + " step, which cannot fail, so 'incidentOnFailure' does not apply; only deploy,"
              + " smoke-test and verification steps have an outcome");
    } else if (incidentOnFailure && !hasPlaybookSteps) {
      problems.add(
          fields.lineOf("incidentOnFailure"),
          label
              + " opens an incident on failure, but the process has no playbook steps; add a"
              + " 'playbook' with steps");
    }
    Set<ReleaseType> appliesTo = ReleaseTypeList.read(fields, "appliesTo", ALL_TYPES, false);
    return new StepDef(
        item.key(),
        title,
        description,
        owner == null ? null : owner.value(),
        kind == null ? StepKind.MANUAL : kind,
        environment,
        optional,
        after,
        requires,
        meets,
        incidentOnFailure,
        appliesTo);
  }

  private String environment(YamlMapping fields, StepKind kind) {
    if (!kind.needsOutcome()) {
      if (fields.has("environment")) {
        problems.add(
            fields.lineOf("environment"),
            fields.label()
                + " is a "
                + kind.id()
                + " step, so it must not name an 'environment'; only deploy, smoke-test and"
                + " verification steps act on one");
      }
      return null;
    }
    if (!fields.has("environment")) {
      problems.add(
          fields.line(),
          fields.label()
              + " is a "
              + kind.id()
              + " step and needs an 'environment' (the one it acts on, e.g. staging or"
              + " production)");
      return null;
    }
    Ref environment = fields.ref("environment", true);
    if (environment != null && !Section.ITEM_KEY.matcher(environment.value()).matches()) {
      problems.add(
          environment.line(),
          "environment "
              + show(environment.value())
              + " of "
              + fields.label()
              + " is not a valid name; use "
              + Section.ITEM_KEY_RULE);
      return null;
    }
    return environment == null ? null : environment.value();
  }

  private List<String> known(List<Ref> refs, String problem) {
    List<String> values = new ArrayList<>();
    for (Ref ref : refs) {
      if (requirements.check(ref, problem + " unknown requirement", problems)) {
        values.add(ref.value());
      }
    }
    return values;
  }

  private void decision(List<StepDef> defs, YamlMapping process) {
    List<StepDef> decisions = defs.stream().filter(StepDef::isDecision).toList();
    if (decisions.isEmpty()) {
      if (!defs.isEmpty() && !unknownKind) {
        problems.add(
            process.keyLine("steps"),
            "no step has 'kind: decision'; a process needs exactly one go/no-go decision step");
      }
      return;
    }
    StepDef decision = decisions.get(0);
    YamlMapping fields = steps.get(decision.key()).fields();
    for (StepDef extra : decisions.subList(1, decisions.size())) {
      problems.add(
          steps.get(extra.key()).fields().lineOf("kind"),
          "step "
              + show(extra.key())
              + " is a second decision step; "
              + show(decision.key())
              + " (line "
              + fields.lineOf("kind")
              + ") already is the decision step, and a process has exactly one");
    }
    if (decision.optional()) {
      problems.add(
          fields.lineOf("optional"),
          "decision step "
              + show(decision.key())
              + " cannot be optional; the decision is never skipped");
    }
    if (!decision.appliesTo().equals(ALL_TYPES)) {
      problems.add(
          fields.lineOf("appliesTo"),
          "decision step "
              + show(decision.key())
              + " must apply to every release type; leave out its 'appliesTo'");
    }
    for (StepDef before : defs.subList(0, defs.indexOf(decision))) {
      graph.edge(decision.key(), before.key(), fields.lineOf("kind"), true);
    }
  }

  private void environments(List<StepDef> defs) {
    Set<String> deployed = deployed(defs);
    for (StepDef step : defs) {
      boolean checks = step.kind() == StepKind.SMOKE_TEST || step.kind() == StepKind.VERIFICATION;
      if (checks && step.environment() != null && !deployed.contains(step.environment())) {
        problems.add(
            steps.get(step.key()).fields().lineOf("environment"),
            step.kind().id()
                + " step "
                + show(step.key())
                + " runs in environment "
                + show(step.environment())
                + ", but no deploy step deploys there; "
                + (deployed.isEmpty()
                    ? "no step deploys anywhere"
                    : "deploy steps deploy to " + String.join(", ", deployed)));
      }
    }
  }
}
