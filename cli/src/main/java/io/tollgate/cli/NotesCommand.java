package io.tollgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tollgate notes get|set}. */
@Command(
    name = "notes",
    mixinStandardHelpOptions = true,
    description = "Read and write a release's notes.",
    subcommands = {NotesCommand.Get.class, NotesCommand.Set.class})
final class NotesCommand {

  enum NotesFormat {
    md,
    html,
    json
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Print the release notes rendered from the process's template.")
  static final class Get extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Option(
        names = "--format",
        defaultValue = "md",
        description = "md (Markdown, default), html, or json (the fields; as -o json)")
    NotesFormat format;

    @Override
    public Integer call() {
      String path = release(id) + "/notes";
      if (json() || format == NotesFormat.json) {
        printJson(api().get(path));
        return ExitCodes.OK;
      }
      String text = api().getText(path, format == NotesFormat.html ? "text/html" : "text/markdown");
      out().print(text.endsWith("\n") ? text : text + "\n");
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Write release-notes fields.",
        "Each by the role that owns it: known issues by the qa-lead, the others by the",
        "release manager. A list option given again adds an entry;",
        "the fields given replace what they held, the others stay."
      })
  static final class Set extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Option(names = "--summary", description = "the summary")
    String summary;

    @Option(
        names = "--notable-change",
        paramLabel = "TEXT",
        description = "a notable change (repeatable)")
    List<String> notableChanges;

    @Option(
        names = "--migration-step",
        paramLabel = "TEXT",
        description = "a migration step (repeatable)")
    List<String> migrationSteps;

    @Option(
        names = "--known-issue",
        paramLabel = "TEXT",
        description = "a known issue (repeatable)")
    List<String> knownIssues;

    @Option(
        names = "--field",
        paramLabel = "KEY=TEXT",
        description =
            "any field of the process's notes template (repeatable; a key given twice is a list)")
    List<String> fields;

    @Override
    public Integer call() {
      ObjectNode body = body();
      if (body.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "Give at least one field to write.");
      }
      JsonNode r = api().put(release(id) + "/notes", body);
      return answer(
          r,
          "Notes written ("
              + String.join(", ", body.propertyNames())
              + ") — "
              + ReleaseView.title(r));
    }

    ObjectNode body() {
      ObjectNode body = object();
      if (summary != null) body.put("summary", summary);
      list(body, "notableChanges", notableChanges);
      list(body, "migrationSteps", migrationSteps);
      list(body, "knownIssues", knownIssues);
      Map<String, List<String>> extra = new LinkedHashMap<>();
      for (String f : fields == null ? List.<String>of() : fields) {
        int eq = f.indexOf('=');
        if (eq <= 0) {
          throw new ParameterException(
              spec.commandLine(), "--field takes KEY=TEXT, not '" + f + "'");
        }
        extra.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
      }
      extra.forEach(
          (k, v) -> {
            if (v.size() == 1) body.put(k, v.get(0));
            else list(body, k, v);
          });
      return body;
    }

    private static void list(ObjectNode body, String field, List<String> values) {
      if (values == null) return;
      ArrayNode a = body.putArray(field);
      values.forEach(a::add);
    }
  }
}
