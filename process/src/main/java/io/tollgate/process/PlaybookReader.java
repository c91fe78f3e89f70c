package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import io.tollgate.process.PlaybookStepDef.Action;
import io.tollgate.process.Section.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the incident playbook: its steps, their order, and what a rollback step rolls back. */
final class PlaybookReader {
  static final List<String> PLAYBOOK_KEYS = List.of("trigger", "severities", "steps");
  static final List<String> STEP_KEYS =
      List.of("key", "title", "owner", "optional", "after", "action", "environment");

  private final Problems problems;
  private final Section roles;

  PlaybookReader(Problems problems, Section roles) {
    this.problems = problems;
    this.roles = roles;
  }

  /**
   * @param playbook the {@code playbook} mapping, or null when the process has none
   * @param deployed environments the checklist deploys to; only those can be rolled back
   */
  Playbook read(YamlMapping playbook, Section steps, Set<String> deployed) {
    if (playbook == null) {
      return new Playbook("", List.of(), Playbook.DEFAULT_SEVERITIES);
    }
    String trigger = playbook.requiredText("trigger");
    List<String> severities = severities(playbook);
    if (playbook.listsNothing("steps")) {
      problems.add(
          playbook.keyLine("steps"),
          "the playbook has no steps; list at least one under 'steps', or leave out 'playbook'");
    }
    DependencyGraph graph = new DependencyGraph();
    steps.keyed().forEach(item -> graph.node(item.key()));
    List<PlaybookStepDef> defs = new ArrayList<>();
    String resolvedBy = null;
    for (Item item : steps.items()) {
      PlaybookStepDef def = step(item, steps, graph, deployed);
      if (def.action() == Action.RESOLVE && item.key() != null) {
        if (resolvedBy != null) {
          problems.add(
              item.fields().lineOf("action"),
              item.fields().label()
                  + " resolves the incident, but playbook step "
                  + show(resolvedBy)
                  + " already does; only one step may have 'action: resolve'");
        }
        resolvedBy = item.key();
      }
      if (item.key() != null) {
        defs.add(def);
      }
    }
    for (DependencyGraph.Cycle cycle : graph.cycles()) {
      problems.add(
          cycle.line(),
          "dependency cycle among playbook steps: "
              + cycle.describe()
              + " (each waits for the next)");
    }
    return new Playbook(trigger == null ? "" : trigger, defs, severities);
  }

  /**
   * The declared severities, most severe first: a non-empty list of unique names; the default when
   * the key is absent (processes stored before it existed keep parsing).
   */
  private List<String> severities(YamlMapping playbook) {
    if (!playbook.has("severities")) {
      return Playbook.DEFAULT_SEVERITIES;
    }
    if (playbook.listsNothing("severities")) {
      problems.add(
          playbook.keyLine("severities"),
          "the playbook lists no 'severities'; list at least one (most severe first), or leave"
              + " out 'severities' for the default "
              + String.join(", ", Playbook.DEFAULT_SEVERITIES));
      return Playbook.DEFAULT_SEVERITIES;
    }
    List<String> severities = new ArrayList<>();
    for (Ref ref : playbook.refs("severities", "severity names")) {
      severities.add(ref.value());
    }
    return severities;
  }

  private PlaybookStepDef step(
      Item item, Section steps, DependencyGraph graph, Set<String> deployed) {
    YamlMapping fields = item.fields();
    String label = fields.label();
    String title = fields.requiredText("title");
    Ref owner = fields.ref("owner", true);
    if (owner != null) {
      roles.check(owner, label + " has unknown owner role", problems);
    }
    boolean optional = fields.bool("optional", false);
    List<String> after = new ArrayList<>();
    for (Ref ref : fields.refs("after", "playbook step keys")) {
      if (steps.check(ref, label + " waits for unknown playbook step", problems)) {
        after.add(ref.value());
        if (item.key() != null) {
          graph.edge(item.key(), ref.value(), ref.line(), false);
        }
      }
    }
    Action action =
        fields.choice("action", Action.NONE, List.of(Action.values()), Action::yamlName);
    String environment = null;
    if (action == Action.ROLLBACK) {
      Ref ref = fields.ref("environment", true);
      if (ref != null && !deployed.contains(ref.value())) {
        problems.add(
            ref.line(),
            label
                + " rolls back environment "
                + show(ref.value())
                + ", but no checklist step deploys there; "
                + (deployed.isEmpty()
                    ? "no step deploys anywhere"
                    : "deploy steps deploy to " + String.join(", ", deployed)));
      }
      environment = ref == null ? null : ref.value();
    } else if (action != Action.ROLLBACK && fields.has("environment")) {
      problems.add(
          fields.lineOf("environment"),
          label + " names an 'environment', but only steps with 'action: rollback' act on one");
    }
    return new PlaybookStepDef(
        item.key(),
        title,
        owner == null ? null : owner.value(),
        optional,
        after,
        action == null ? Action.NONE : action,
        environment);
  }
}
