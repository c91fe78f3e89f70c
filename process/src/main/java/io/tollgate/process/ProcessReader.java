package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import io.tollgate.process.Section.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns the composed YAML node tree of a process file into a {@link ProcessDefinition}, reporting
 * every problem with its line. All keyed lists are indexed first, so any item may name any other,
 * wherever it stands in the file.
 */
final class ProcessReader {
  static final List<String> PROCESS_KEYS =
      List.of(
          "id",
          "name",
          "description",
          "roles",
          "requirements",
          "steps",
          "handoffs",
          "playbook",
          "notes",
          "separationOfDuties",
          "approvals");
  static final List<String> ROLE_KEYS = List.of("key", "name", "responsibilities");
  static final List<String> HANDOFF_KEYS =
      List.of("key", "from", "to", "handsOver", "trigger", "appliesTo", "sla");
  static final Pattern PROCESS_ID = Pattern.compile("(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*");

  private final Problems problems;

  ProcessReader(Problems problems) {
    this.problems = problems;
  }

  /** The process, or null when any problem was found (all of them are in {@code problems}). */
  ProcessDefinition read(Node root) {
    YamlMapping process =
        YamlMapping.of(root, YamlNodes.line(root), "the process", PROCESS_KEYS, problems)
            .orElse(null);
    if (process == null) {
      return null;
    }
    String id = id(process);
    String name = process.requiredText("name");
    String description = process.text("description");

    Section roles = section(process, "roles", "role", ROLE_KEYS);
    Section requirements = section(process, "requirements", "requirement", RequirementReader.KEYS);
    Section steps = section(process, "steps", "step", Checklist.STEP_KEYS);
    Section handoffs = section(process, "handoffs", "handoff", HANDOFF_KEYS);
    YamlMapping playbook =
        process.mapping("playbook", "the playbook", PlaybookReader.PLAYBOOK_KEYS).orElse(null);
    Section playbookSteps =
        playbook == null
            ? Section.empty("playbook steps")
            : section(playbook, "steps", "playbook step", PlaybookReader.STEP_KEYS);
    YamlMapping notes =
        process.mapping("notes", "the notes section", NotesReader.NOTES_KEYS).orElse(null);
    Section notesFields =
        notes == null
            ? Section.empty("notes fields")
            : Section.read(
                notes,
                "fields",
                "notes field",
                "notes fields",
                NotesReader.FIELD_KEYS,
                NotesReader.FIELD_KEY,
                NotesReader.FIELD_KEY_RULE,
                problems);
    if (process.listsNothing("roles")) {
      problems.add(
          process.keyLine("roles"),
          "the process defines no roles; list at least one under 'roles'");
    }
    if (process.listsNothing("steps")) {
      problems.add(
          process.keyLine("steps"),
          "the process defines no steps; list at least one under 'steps'");
    }

    List<Role> roleDefs = read(roles, this::role);
    List<StepDef> stepDefs =
        new Checklist(problems, roles, requirements, steps, !playbookSteps.items().isEmpty())
            .read(process);
    Map<String, StepDef> stepsByKey =
        stepDefs.stream().collect(Collectors.toMap(StepDef::key, s -> s, (a, b) -> a));
    List<RequirementDef> requirementDefs =
        read(requirements, new RequirementReader(problems, roles, steps, stepsByKey)::read);
    List<HandoffDef> handoffDefs = read(handoffs, item -> handoff(item, roles, steps));
    Playbook playbookDef =
        new PlaybookReader(problems, roles)
            .read(playbook, playbookSteps, Checklist.deployed(stepDefs));
    NotesTemplate notesDef = new NotesReader(problems, roles).read(notes, notesFields);
    List<DutyRule> duties = new DutyReader(problems, steps, requirements).read(process);
    List<ApprovalDef> approvals = new ApprovalReader(problems, roles).read(process);

    if (!problems.isEmpty()) {
      return null;
    }
    return new ProcessDefinition(
        id,
        name,
        description,
        roleDefs,
        withMetBy(requirementDefs, stepDefs),
        withMeets(stepDefs, requirementDefs),
        handoffDefs,
        playbookDef,
        notesDef,
        duties,
        approvals);
  }

  private String id(YamlMapping process) {
    Ref id = process.ref("id", true);
    if (id != null && !PROCESS_ID.matcher(id.value()).matches()) {
      problems.add(
          id.line(),
          "process id "
              + show(id.value())
              + " is not kebab-case; use lower-case letters and digits in words joined by single"
              + " dashes, at most 64 characters (e.g. octoacme-standard)");
    }
    return id == null ? null : id.value();
  }

  private Section section(YamlMapping parent, String listKey, String noun, List<String> keys) {
    return Section.read(
        parent, listKey, noun, noun + "s", keys, Section.ITEM_KEY, Section.ITEM_KEY_RULE, problems);
  }

  /** Reads every item (to report all problems) and keeps those with a usable key. */
  private static <T> List<T> read(Section section, Function<Item, T> reader) {
    List<T> result = new ArrayList<>();
    for (Item item : section.items()) {
      T value = reader.apply(item);
      if (item.key() != null) {
        result.add(value);
      }
    }
    return result;
  }

  private Role role(Item item) {
    YamlMapping fields = item.fields();
    String name = fields.requiredText("name");
    List<String> responsibilities =
        fields.refs("responsibilities", "texts").stream().map(Ref::value).toList();
    return new Role(item.key(), name, responsibilities);
  }

  private HandoffDef handoff(Item item, Section roles, Section steps) {
    YamlMapping fields = item.fields();
    String label = fields.label();
    Ref from = fields.ref("from", true);
    if (from != null) {
      roles.check(from, label + " comes from unknown role", problems);
    }
    Ref to = fields.ref("to", true);
    if (to != null) {
      roles.check(to, label + " goes to unknown role", problems);
    }
    if (from != null && to != null && from.value().equals(to.value())) {
      problems.add(
          to.line(),
          label
              + " goes from "
              + show(from.value())
              + " to itself; 'from' and 'to' must be different roles");
    }
    String handsOver = fields.requiredText("handsOver");
    Ref trigger = fields.ref("trigger", true);
    if (trigger != null) {
      steps.check(trigger, label + " is triggered by unknown step", problems);
    }
    Set<ReleaseType> appliesTo =
        ReleaseTypeList.read(fields, "appliesTo", Checklist.ALL_TYPES, false);
    java.time.Duration sla = HandoffSla.DEFAULT;
    String slaText = fields.text("sla");
    if (slaText != null) {
      sla = HandoffSla.parse(slaText).orElse(null);
      if (sla == null) {
        problems.add(
            fields.lineOf("sla"),
            label
                + " has the sla "
                + show(slaText)
                + "; write a duration such as 30m, 4h, 1d or 2h30m, from 1m to 30d");
      }
    }
    return new HandoffDef(
        item.key(),
        from == null ? null : from.value(),
        to == null ? null : to.value(),
        handsOver,
        trigger == null ? null : trigger.value(),
        appliesTo,
        sla);
  }

  /**
   * A step's {@code meets} and a requirement's {@code metBy} say the same thing from two sides;
   * either is enough, and the definition carries both sides complete.
   */
  private static List<RequirementDef> withMetBy(
      List<RequirementDef> requirements, List<StepDef> steps) {
    return requirements.stream()
        .map(
            r -> {
              Set<String> metBy = new LinkedHashSet<>(r.metBy());
              steps.stream()
                  .filter(s -> s.meets().contains(r.key()))
                  .forEach(s -> metBy.add(s.key()));
              return new RequirementDef(
                  r.key(),
                  r.title(),
                  r.description(),
                  r.signers(),
                  r.appliesTo(),
                  List.copyOf(metBy),
                  r.check(),
                  r.autoMet());
            })
        .toList();
  }

  private static List<StepDef> withMeets(List<StepDef> steps, List<RequirementDef> requirements) {
    Map<String, Set<String>> meets = new LinkedHashMap<>();
    steps.forEach(s -> meets.put(s.key(), new LinkedHashSet<>(s.meets())));
    requirements.forEach(r -> r.metBy().forEach(step -> meets.get(step).add(r.key())));
    return steps.stream()
        .map(
            s ->
                new StepDef(
                    s.key(),
                    s.title(),
                    s.description(),
                    s.owner(),
                    s.kind(),
                    s.environment(),
                    s.optional(),
                    s.after(),
                    s.requires(),
                    List.copyOf(meets.get(s.key())),
                    s.incidentOnFailure(),
                    s.appliesTo()))
        .toList();
  }
}
