package io.tollgate.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code tollgate evidence junit}: test reports as evidence on a requirement or a step. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = "Attach evidence from CI to a release.",
    subcommands = EvidenceCommand.Junit.class)
final class EvidenceCommand {

  @Command(
      name = "junit",
      mixinStandardHelpOptions = true,
      description = {
        "Attach JUnit XML test reports to a requirement or a step of a release.",
        "Maven Surefire, Gradle, pytest, Jest... write them; the server summarises them.",
        "A folder stands for the TEST-*.xml files in it.",
        "Example: tollgate evidence junit $ID target/surefire-reports --step quality-gate"
      })
  static final class Junit extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "FILE",
        description = "report files or folders")
    List<Path> files;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(
          names = "--requirement",
          paramLabel = "KEY",
          description = "attach to this requirement")
      String requirement;

      @Option(names = "--step", paramLabel = "KEY", description = "attach to this step")
      String step;
    }

    @Override
    public Integer call() {
      List<Path> reports = reports(files);
      String query =
          target.requirement != null
              ? "?requirement=" + ApiClient.seg(target.requirement)
              : "?step=" + ApiClient.seg(target.step);
      ArrayNode answers = session().json().createArrayNode();
      Table t = new Table("REPORT", "TESTS", "FAILURES", "ERRORS", "SKIPPED", "SECONDS");
      List<String> failing = new ArrayList<>();
      String path = release(id) + "/test-reports" + query;
      for (Path report : reports) {
        JsonNode a = api().postRaw(path, bytes(report), "application/xml");
        answers.add(a);
        t.row(
            report.getFileName(),
            ReleaseView.text(a, "tests"),
            ReleaseView.text(a, "failures"),
            ReleaseView.text(a, "errors"),
            ReleaseView.text(a, "skipped"),
            ReleaseView.text(a, "durationSeconds"));
        for (JsonNode f : a.path("failing")) {
          failing.add(ReleaseView.text(f, "suite") + " › " + ReleaseView.text(f, "name"));
        }
      }
      if (json()) {
        printJson(answers);
        return ExitCodes.OK;
      }
      t.print(out());
      if (!failing.isEmpty()) {
        out().println("Failing:");
        failing.forEach(f -> out().println("  " + f));
      }
      out()
          .println(
              "Attached "
                  + reports.size()
                  + " report(s) to "
                  + (target.requirement != null
                      ? "requirement " + target.requirement
                      : "step " + target.step)
                  + ".");
      out().flush();
      return ExitCodes.OK;
    }

    static List<Path> reports(List<Path> given) {
      List<Path> out = new ArrayList<>();
      for (Path p : given) {
        if (Files.isDirectory(p)) {
          try (DirectoryStream<Path> s = Files.newDirectoryStream(p, "TEST-*.xml")) {
            List<Path> found = new ArrayList<>();
            s.forEach(found::add);
            found.sort(null);
            if (found.isEmpty())
              throw new CliException(ExitCodes.USAGE, p + " holds no TEST-*.xml report");
            out.addAll(found);
          } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "Cannot read " + p + ": " + e.getMessage());
          }
        } else if (Files.isRegularFile(p)) {
          out.add(p);
        } else {
          throw new CliException(ExitCodes.USAGE, "No such file: " + p);
        }
      }
      return out;
    }

    private static byte[] bytes(Path p) {
      try {
        return Files.readAllBytes(p);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "Cannot read " + p + ": " + e.getMessage());
      }
    }
  }
}
