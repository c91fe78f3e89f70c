package io.tollgate.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tollgate decide RELEASE go|no-go --rationale ...}. */
@Command(
    name = "decide",
    mixinStandardHelpOptions = true,
    description = {
      "Decide go or no-go for a release, with a rationale (its release manager).",
      "Go is refused (exit 1, with what it waits for) until every requirement is met",
      "and every step before the decision is done or skipped."
    })
final class DecideCommand extends ApiCommand {
  static final class Decisions implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("go", "no-go").iterator();
    }
  }

  @Parameters(
      index = "0",
      paramLabel = "RELEASE",
      description = "the release: its id, or PRODUCT@VERSION")
  String id;

  @Parameters(
      index = "1",
      paramLabel = "DECISION",
      completionCandidates = Decisions.class,
      description = "go or no-go")
  String decision;

  @Option(names = "--rationale", required = true, description = "why")
  String rationale;

  @Override
  public Integer call() {
    if (!decision.equals("go") && !decision.equals("no-go")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "DECISION must be go or no-go, not '" + decision + "'");
    }
    JsonNode r =
        api()
            .post(
                release(id) + "/decision",
                object().put("decision", decision).put("rationale", rationale));
    return answer(r, "Decided " + decision + " — " + ReleaseView.title(r));
  }
}
