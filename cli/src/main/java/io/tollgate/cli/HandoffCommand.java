package io.tollgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tollgate handoff acknowledge}. */
@Command(
    name = "handoff",
    mixinStandardHelpOptions = true,
    description = "Acknowledge a release's handoffs.",
    subcommands = HandoffCommand.Acknowledge.class)
final class HandoffCommand {

  @Command(
      name = "acknowledge",
      aliases = "ack",
      mixinStandardHelpOptions = true,
      description = "Acknowledge a handoff (the receiving role), e.g. qa-to-rm.")
  static final class Acknowledge extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Parameters(
        index = "1",
        paramLabel = "HANDOFF",
        description = "the handoff's key, e.g. qa-to-rm")
    String key;

    @Override
    public Integer call() {
      JsonNode r =
          api().post(release(id) + "/handoffs/" + ApiClient.seg(key) + "/acknowledge", null);
      return answer(r, RequirementCommand.itemLine(r, "handoffs", key, "Handoff"));
    }
  }
}
