package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import io.tollgate.process.RequirementDef.Check;
import io.tollgate.process.Section.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the pre-release requirements: who owns or signs each, and which steps meet it. */
final class RequirementReader {
  static final List<String> KEYS =
      List.of(
          "key",
          "title",
          "description",
          "owner",
          "signers",
          "appliesTo",
          "metBy",
          "check",
          "autoMet");

  private final Problems problems;
  private final Section roles;
  private final Section steps;
  private final Map<String, StepDef> stepsByKey;

  RequirementReader(
      Problems problems, Section roles, Section steps, Map<String, StepDef> stepsByKey) {
    this.problems = problems;
    this.roles = roles;
    this.steps = steps;
    this.stepsByKey = stepsByKey;
  }

  RequirementDef read(Item item) {
    YamlMapping fields = item.fields();
    String label = fields.label();
    String title = fields.requiredText("title");
    String description = fields.text("description");
    List<String> signers = signers(fields);
    Set<ReleaseType> appliesTo =
        ReleaseTypeList.read(fields, "appliesTo", Checklist.ALL_TYPES, false);
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
    List<String> autoMet = new ArrayList<>();
    for (Ref ref : fields.refs("autoMet", "event kinds")) {
      if (!ref.value().matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
        problems.add(
            ref.line(),
            label
                + " is met automatically by "
                + show(ref.value())
                + ", which is not an event kind; write it as source.event, e.g. ci.succeeded");
      } else {
        autoMet.add(ref.value());
      }
    }
    return new RequirementDef(
        item.key(),
        title,
        description,
        signers,
        appliesTo,
        metBy,
        check == null ? Check.NONE : check,
        autoMet);
  }

  /** {@code owner} as the only signer, or the two or more {@code signers}. */
  private List<String> signers(YamlMapping fields) {
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
}
