package io.tollgate.process;

import io.tollgate.process.Section.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the release-notes fields and template. */
final class NotesReader {
  static final List<String> NOTES_KEYS = List.of("fields", "template");
  static final List<String> FIELD_KEYS =
      List.of("key", "label", "owner", "list", "requiredFor", "atDecision", "customerFacing");

  /** Field keys are template names and JSON properties, so no dashes. */
  static final Pattern FIELD_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  static final String FIELD_KEY_RULE =
      "letters, digits and '_', starting with a letter, at most 64 characters (e.g. knownIssues)";

  /** Used when a process has no {@code notes}: the release's identity and nothing to fill in. */
  static final String DEFAULT_TEMPLATE =
      """
      # {{product}} {{version}}{{#name}} — {{name}}{{/name}}

      - **Date:** {{date}}
      - **Release Manager:** {{releaseManager}}
      """;

  private final Problems problems;
  private final Section roles;

  NotesReader(Problems problems, Section roles) {
    this.problems = problems;
    this.roles = roles;
  }

  /**
   * @param notes the {@code notes} mapping, or null when the process has none
   */
  NotesTemplate read(YamlMapping notes, Section fields) {
    if (notes == null) {
      return new NotesTemplate(List.of(), DEFAULT_TEMPLATE);
    }
    List<NotesField> defs = new ArrayList<>();
    for (Item item : fields.items()) {
      NotesField def = field(item);
      if (item.key() != null) {
        defs.add(def);
      }
    }
    String template = notes.requiredText("template");
    if (template != null) {
      Node node = notes.value("template");
      TemplateCheck.check(template, firstLine(node), lastLine(node), fields.keys(), problems);
    }
    return new NotesTemplate(defs, template == null ? "" : template);
  }

  private NotesField field(Item item) {
    YamlMapping fields = item.fields();
    String label = fields.label();
    if (item.key() != null && TemplateCheck.BUILT_IN_VALUES.contains(item.key())) {
      problems.add(
          item.keyLine(),
          label
              + " has the name of a built-in template value; choose another key (built-in values: "
              + String.join(", ", TemplateCheck.BUILT_IN_VALUES)
              + ")");
    }
    String title = fields.requiredText("label");
    Ref owner = fields.ref("owner", true);
    if (owner != null) {
      roles.check(owner, label + " has unknown owner role", problems);
    }
    boolean list = fields.bool("list", false);
    Set<ReleaseType> requiredFor = ReleaseTypeList.read(fields, "requiredFor", Set.of(), true);
    boolean atDecision = fields.bool("atDecision", false);
    boolean customerFacing = fields.bool("customerFacing", false);
    return new NotesField(
        item.key(),
        title,
        owner == null ? null : owner.value(),
        list,
        requiredFor,
        atDecision,
        customerFacing);
  }

  /** The line where the template's text ends (for a block scalar, the line of its last text). */
  private static int lastLine(Node template) {
    Mark end = template.getEndMark();
    if (end == null) {
      return YamlNodes.line(template);
    }
    // a block scalar ends at the start of the line after it (column 0)
    return end.getLine() + (end.getColumn() == 0 ? 0 : 1);
  }

  /** A block scalar ({@code |} or {@code >}) starts on the line after its indicator. */
  private static int firstLine(Node template) {
    boolean block =
        template instanceof ScalarNode scalar
            && (scalar.getScalarStyle() == ScalarStyle.LITERAL
                || scalar.getScalarStyle() == ScalarStyle.FOLDED);
    return YamlNodes.line(template) + (block ? 1 : 0);
  }
}
