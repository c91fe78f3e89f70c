package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code approvals}: a list of {@code role} (a known role, each once), {@code quorum} (a
 * whole number from 1 to {@value ApprovalDef#MAX_QUORUM}, default 1) and {@code appliesTo}, every
 * mistake reported with its line.
 */
final class ApprovalReader {
  static final List<String> KEYS = List.of("role", "quorum", "appliesTo");

  private final Problems problems;
  private final Section roles;

  ApprovalReader(Problems problems, Section roles) {
    this.problems = problems;
    this.roles = roles;
  }

  List<ApprovalDef> read(YamlMapping process) {
    List<ApprovalDef> approvals = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<Node> nodes = process.items("approvals", "approvals");
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String peeked = YamlNodes.peekKey(node, "role");
      String label = peeked != null ? "the approval by " + show(peeked) : "approval #" + (i + 1);
      int line = YamlNodes.isNull(node) ? process.lineOf("approvals") : YamlNodes.line(node);
      YamlMapping fields = YamlMapping.of(node, line, label, KEYS, problems).orElse(null);
      if (fields == null) continue;
      Ref role = fields.ref("role", true);
      if (role != null && !roles.check(role, label + " names unknown role", problems)) {
        role = null;
      } else if (role != null) {
        Integer first = seen.putIfAbsent(role.value(), role.line());
        if (first != null) {
          problems.add(
              role.line(),
              "role "
                  + show(role.value())
                  + " is listed twice under 'approvals' (first at line "
                  + first
                  + "); give it one quorum");
          role = null;
        }
      }
      int quorum = quorum(fields, label);
      Set<ReleaseType> appliesTo =
          ReleaseTypeList.read(fields, "appliesTo", Checklist.ALL_TYPES, false);
      if (role != null && quorum > 0) {
        approvals.add(new ApprovalDef(role.value(), quorum, appliesTo));
      }
    }
    return approvals;
  }

  /** The quorum, 1 when absent; 0 (reported) when it is not a whole number in range. */
  private int quorum(YamlMapping fields, String label) {
    Ref ref = fields.ref("quorum", false);
    if (ref == null) {
      if (!fields.has("quorum")) return 1;
      Node value = fields.value("quorum");
      if (YamlNodes.isNull(value) || value instanceof ScalarNode) {
        problems.add(fields.lineOf("quorum"), "'quorum' of " + label + " is empty");
      } // a list or mapping was reported as not a text
      return 0;
    }
    String text = ref.value().strip();
    if (text.matches("[0-9]{1,3}")) {
      int quorum = Integer.parseInt(text);
      if (quorum >= 1 && quorum <= ApprovalDef.MAX_QUORUM) return quorum;
    }
    problems.add(
        ref.line(),
        "'quorum' of "
            + label
            + " must be a whole number from 1 to "
            + ApprovalDef.MAX_QUORUM
            + ", not "
            + show(ref.value()));
    return 0;
  }
}
