package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code separationOfDuties}: a list of rules, each {@code rule: <name>} and {@code
 * notSamePerson: [decision:go, step:<key>, requirement:<key>]}, every name checked with its line.
 */
final class DutyReader {
  static final List<String> KEYS = List.of("rule", "description", "notSamePerson");
  private static final Pattern RULE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Problems problems;
  private final Section steps;
  private final Section requirements;

  DutyReader(Problems problems, Section steps, Section requirements) {
    this.problems = problems;
    this.steps = steps;
    this.requirements = requirements;
  }

  List<DutyRule> read(YamlMapping process) {
    List<DutyRule> rules = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<Node> nodes = process.items("separationOfDuties", "separation-of-duties rules");
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String peeked = YamlNodes.peekKey(node, "rule");
      String label =
          peeked != null
              ? "separation-of-duties rule " + show(peeked)
              : "separation-of-duties rule #" + (i + 1);
      int line =
          YamlNodes.isNull(node) ? process.lineOf("separationOfDuties") : YamlNodes.line(node);
      YamlMapping fields = YamlMapping.of(node, line, label, KEYS, problems).orElse(null);
      if (fields == null) continue;
      Ref rule = fields.ref("rule", true);
      if (rule != null && !RULE.matcher(rule.value()).matches()) {
        problems.add(
            rule.line(),
            "separation-of-duties rule name "
                + show(rule.value())
                + " is not kebab-case (e.g. decider-not-deployer)");
        rule = null;
      } else if (rule != null) {
        Integer first = seen.putIfAbsent(rule.value(), rule.line());
        if (first != null) {
          problems.add(
              rule.line(),
              "separation-of-duties rule "
                  + show(rule.value())
                  + " is used twice (first at line "
                  + first
                  + "); rule names must be unique");
        }
      }
      List<DutyRule.Act> acts = new ArrayList<>();
      List<Ref> refs =
          fields.refs("notSamePerson", "acts (decision:go, step:<key>, requirement:<key>)");
      for (Ref ref : refs) {
        DutyRule.Act act = act(ref, label);
        if (act != null) acts.add(act);
      }
      if (fields.has("notSamePerson") && refs.size() < 2) {
        problems.add(
            fields.lineOf("notSamePerson"),
            "'notSamePerson' of "
                + label
                + " must name at least two acts, e.g. [decision:go, step:deploy-production]");
      } else if (!fields.has("notSamePerson")) {
        problems.add(fields.line(), label + " is missing the required key 'notSamePerson'");
      }
      rules.add(new DutyRule(rule == null ? null : rule.value(), fields.text("description"), acts));
    }
    return rules;
  }

  private DutyRule.Act act(Ref ref, String label) {
    String value = ref.value();
    int colon = value.indexOf(':');
    String kind = colon < 0 ? value : value.substring(0, colon);
    String key = colon < 0 ? "" : value.substring(colon + 1);
    switch (kind) {
      case "decision" -> {
        if (key.equals("go")) return new DutyRule.Act(DutyRule.Kind.DECISION, "go");
        problems.add(
            ref.line(), label + " names " + show(value) + "; the only decision act is decision:go");
        return null;
      }
      case "step" -> {
        Ref step = new Ref(key, ref.line());
        return steps.check(step, label + " names unknown step", problems)
            ? new DutyRule.Act(DutyRule.Kind.STEP, key)
            : null;
      }
      case "requirement" -> {
        Ref requirement = new Ref(key, ref.line());
        return requirements.check(requirement, label + " names unknown requirement", problems)
            ? new DutyRule.Act(DutyRule.Kind.REQUIREMENT, key)
            : null;
      }
      default -> {
        problems.add(
            ref.line(),
            label
                + " names "
                + show(value)
                + " of unknown kind "
                + show(kind)
                + "; use decision:go, step:<key> or requirement:<key>");
        return null;
      }
    }
  }
}
