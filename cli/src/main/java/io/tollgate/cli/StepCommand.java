package io.tollgate.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tollgate step complete|skip|start}. */
@Command(
    name = "step",
    mixinStandardHelpOptions = true,
    description = "Complete, skip or start a release's checklist steps.",
    subcommands = {StepCommand.Complete.class, StepCommand.Skip.class, StepCommand.Start.class})
final class StepCommand {

  static final class Outcomes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("succeeded", "failed").iterator();
    }
  }

  @Command(
      name = "complete",
      mixinStandardHelpOptions = true,
      description = {
        "Complete a step (its owner).",
        "Deploy, smoke-test and verification steps need --outcome.",
        "Example: tollgate step complete $ID deploy-staging --outcome succeeded --evidence-url $RUN_URL"
      })
  static final class Complete extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Parameters(
        index = "1",
        paramLabel = "STEP",
        description = "the step's key, e.g. deploy-staging")
    String key;

    @Option(
        names = "--outcome",
        completionCandidates = Outcomes.class,
        description = "succeeded or failed")
    String outcome;

    @Option(names = "--note", description = "a note on the step")
    String note;

    @Option(names = "--evidence-url", paramLabel = "URL", description = "a link to the evidence")
    String url;

    @Override
    public Integer call() {
      ObjectNode body = object();
      ReleaseCommand.putIfSet(body, "outcome", outcome);
      ReleaseCommand.putIfSet(body, "note", note);
      if (url != null) body.putObject("evidence").put("url", url);
      JsonNode r = api().post(release(id) + "/steps/" + ApiClient.seg(key) + "/complete", body);
      return answer(r, RequirementCommand.itemLine(r, "steps", key, "Step"));
    }
  }

  @Command(
      name = "skip",
      mixinStandardHelpOptions = true,
      description = "Skip an optional step, with a reason (its owner).")
  static final class Skip extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Parameters(index = "1", paramLabel = "STEP", description = "the step's key, e.g. backup")
    String key;

    @Option(names = "--reason", required = true, description = "why it is skipped")
    String reason;

    @Override
    public Integer call() {
      JsonNode r =
          api()
              .post(
                  release(id) + "/steps/" + ApiClient.seg(key) + "/skip",
                  object().put("reason", reason));
      return answer(r, RequirementCommand.itemLine(r, "steps", key, "Step"));
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Start an automated step (its owner): a deployment or a verification.",
        "Runs the environment's automation (or the checks of a verification step)",
        "and prints the deployment's id."
      })
  static final class Start extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Parameters(
        index = "1",
        paramLabel = "STEP",
        description = "the step's key, e.g. deploy-production")
    String key;

    @Override
    public Integer call() {
      JsonNode answer =
          api().post(release(id) + "/steps/" + ApiClient.seg(key) + "/start", object());
      JsonNode d = answer.path("deployment");
      String deployment = d.isObject() ? ReleaseView.text(d, "id") : d.asString("");
      return answer(answer, "Started step " + key + ": deployment " + deployment);
    }
  }
}
