package io.tollgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tollgate requirement meet}. */
@Command(
    name = "requirement",
    mixinStandardHelpOptions = true,
    description = "Meet a release's pre-release requirements.",
    subcommands = RequirementCommand.Meet.class)
final class RequirementCommand {

  @Command(
      name = "meet",
      mixinStandardHelpOptions = true,
      description = {
        "Meet (or sign) a requirement, with evidence (its owner).",
        "Example: tollgate requirement meet $ID ci-security --evidence-url $RUN_URL"
      })
  static final class Meet extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Parameters(
        index = "1",
        paramLabel = "REQUIREMENT",
        description = "the requirement's key, e.g. ci-security")
    String key;

    @Option(
        names = "--evidence-url",
        paramLabel = "URL",
        description = "a link to the evidence (a CI run, a report)")
    String url;

    @Option(names = "--note", description = "a note for the evidence")
    String note;

    @Override
    public Integer call() {
      ObjectNode body = object();
      ObjectNode evidence = body.putObject("evidence");
      ReleaseCommand.putIfSet(evidence, "url", url);
      ReleaseCommand.putIfSet(evidence, "note", note);
      JsonNode r = api().post(release(id) + "/requirements/" + ApiClient.seg(key) + "/meet", body);
      return answer(r, itemLine(r, "requirements", key, "Requirement"));
    }
  }

  /** {@code Requirement ci-security: met — octoshop 1.3.0 (minor) — preparing}. */
  static String itemLine(JsonNode r, String list, String key, String label) {
    String status = "?";
    for (JsonNode item : r.path(list)) {
      if (key.equals(ReleaseView.text(item, "key"))) status = ReleaseView.text(item, "status");
    }
    return label + " " + key + ": " + status + " — " + ReleaseView.title(r);
  }
}
