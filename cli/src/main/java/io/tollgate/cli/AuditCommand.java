package io.tollgate.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code tollgate audit verify}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Check the tamper-evident audit log.",
    subcommands = AuditCommand.Verify.class)
final class AuditCommand {

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify the whole audit chain on the server (administrator).",
        "Exit 0 when it is intact, 1 when an event is broken (its sequence number is printed)."
      })
  static final class Verify extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode v = api().get("/api/v1/audit/verify");
      boolean ok = v.path("ok").asBoolean(false);
      String checked = v.path("checked").asString("?");
      answer(
          v,
          ok
              ? "Audit chain intact: " + checked + " event(s) checked."
              : "Audit chain BROKEN at event "
                  + v.path("firstBrokenSeq").asString("?")
                  + " ("
                  + checked
                  + " checked).");
      return ok ? ExitCodes.OK : ExitCodes.REFUSED;
    }
  }
}
