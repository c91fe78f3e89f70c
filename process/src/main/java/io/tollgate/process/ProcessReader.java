package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import io.tollgate.process.RequirementDef.Check;
import io.tollgate.process.Section.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
          "notes");
  static final List<String> ROLE_KEYS = List.of("key", "name", "responsibilities");
  static final List<String> REQUIREMENT_KEYS =
      List.of("key", "title", "description", "owner", "signers", "appliesTo", "metBy", "check");
  static final List<String> HANDOFF_KEYS =
      List.of("key", "from", "to", "handsOver", "trigger", "appliesTo");
  static final Pattern PROCESS_ID = Pattern.compile("(?=.{1,64}$)[a-z0-9]+(-[a-z0-9]+)*");

  private final Problems problems;

  ProcessReader(Problems problems) {
    this.problems = problems;
  }

  /** The process, or null when any problem was found (all of them are in {@code problems}). */
  ProcessDefinition read(Node root) {
    YamlMapping process = YamlMapping.of(root, YamlMapping.line(root), "the process", PROCESS_KEYS, problems).orElse(null);
    if (process == null) {
      return null;
    }
    String id = id(process);
    String name = process.requiredText("name");
    String description = process.text("description");

    Section roles = section(process, "roles", "role", ROLE_KEYS);
    Section requirements = section(process, "requirements", "requirement", REQUIREMENT_KEYS);
    Section steps = section(process, "steps", "step", Checklist.STEP_KEYS);
    Section handoffs = section(process, "handoffs", "handoff", HANDOFF_KEYS);
    YamlMapping playbook =
        process.mapping("playbook", "the playbook", PlaybookReader.PLAYBOOK_KEYS).orElse(null);
    Section playbookSteps =
        playbook == null
            ? Section.empty("playbook steps")
            : section(playbook, "steps", "playbook step", PlaybookReader.STEP_KEYS);
    YamlMapping notes = process.mapping("notes", "the notes section", NotesReader.NOTES_KEYS).orElse(null);
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
          process.keyLine("roles"), "the process defines no roles; list at least one under 'roles'");
    }
    if (process.listsNothing("steps")) {
      problems.add(
          process.keyLine("steps"), "the process defines no steps; list at least one under 'steps'");
    }

    List<Role> roleDefs = read(roles, this::role);
    List<StepDef> stepDefs =
        new Checklist(problems, roles, requirements, steps, !playbookSteps.items().isEmpty())
            .read(process);
    Map<String, StepDef> stepsByKey =
        stepDefs.stream().collect(Collectors.toMap(StepDef::key, s -> s, (a, b) -> a));
    List<RequirementDef> requirementDefs =
        read(requirements, item -> requirement(item, roles, steps, stepsByKey));
    List<HandoffDef> handoffDefs = read(handoffs, item -> handoff(item, roles, steps));
    Playbook playbookDef =
        new PlaybookReader(problems, roles)
            .read(playbook, playbookSteps, Checklist.deployed(stepDefs));
    NotesTemplate notesDef = new NotesReader(problems, roles).read(notes, notesFields);

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
        notesDef);
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
        parent,
        listKey,
        noun,
        noun + "s",
        keys,
        Section.ITEM_KEY,
        Section.ITEM_KEY_RULE,
        problems);
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

  private RequirementDef requirement(
      Item item, Section roles, Section steps, Map<String, StepDef> stepsByKey) {
    YamlMapping fields = item.fields();
    String label = fields.label();
    String title = fields.requiredText("title");
    String description = fields.text("description");
    List<String> signers = signers(fields, roles);
    Set<ReleaseType> appliesTo = fields.types("appliesTo", Checklist.ALL_TYPES, false);
    List<String> metBy = new ArrayList<>();
    for (Ref ref : fields.refs("metBy", "step keys")) {
      if (!steps.check(ref, label + " is met by unknown step", problems)) {
        continue;
      }
      StepDef step = stepsByKey.get(ref.value());
      if (step != null && !step.kind().needsOutcome()) {
        problems.add(
            ref.line(),
            label
                + " is met by step "
                + show(ref.value())
                + ", a "
                + step.kind().id()
                + " step; only deploy, smoke-test and verification steps succeed and can meet a"
                + " requirement");
      }
      metBy.add(ref.value());
    }
    Check check =
        fields.choice(
            "check",
            Check.NONE,
            List.of(Check.values()),
            c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    return new RequirementDef(
        item.key(),
        title,
        description,
        signers,
        appliesTo,
        metBy,
        check == null ? Check.NONE : check);
  }

  /** {@code owner} as the only signer, or the two or more {@code signers}. */
  private List<String> signers(YamlMapping fields, Section roles) {
    String label = fields.label();
    boolean hasOwner = fields.has("owner");
    boolean hasSigners = fields.has("signers");
    List<String> signers = new ArrayList<>();
    if (hasOwner && hasSigners) {
      problems.add(
          fields.lineOf("signers"),
          label
              + " has both 'owner' and 'signers'; use 'owner' for one role, or 'signers' for two"
              + " or more roles that must all sign");
    } else if (!hasOwner && !hasSigners) {
      problems.add(
          fields.line(),
          label
              + " needs an 'owner' (one role) or 'signers' (two or more roles that must all sign)");
    }
    if (hasOwner) {
      Ref owner = fields.ref("owner", true);
      if (owner != null && roles.check(owner, label + " has unknown owner role", problems)) {
        signers.add(owner.value());
      }
    }
    if (hasSigners) {
      List<Ref> refs = fields.refs("signers", "role keys");
      refs.forEach(ref -> roles.check(ref, label + " has unknown signer role", problems));
      if (!hasOwner && refs.size() < 2) {
        problems.add(
            fields.lineOf("signers"),
            label
                + (refs.isEmpty() ? " has no signers" : " has only one signer")
                + "; 'signers' needs two or more different roles, use 'owner' for a single role");
      }
      if (!hasOwner) {
        refs.forEach(ref -> signers.add(ref.value()));
      }
    }
    return signers;
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
    Set<ReleaseType> appliesTo = fields.types("appliesTo", Checklist.ALL_TYPES, false);
    return new HandoffDef(
        item.key(),
        from == null ? null : from.value(),
        to == null ? null : to.value(),
        handsOver,
        trigger == null ? null : trigger.value(),
        appliesTo);
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
              steps.stream().filter(s -> s.meets().contains(r.key())).forEach(s -> metBy.add(s.key()));
              return new RequirementDef(
                  r.key(),
                  r.title(),
                  r.description(),
                  r.signers(),
                  r.appliesTo(),
                  List.copyOf(metBy),
                  r.check());
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
