package io.tollgate.cli;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tollgate release create|list|show|wait}. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Plan, list, show and wait for releases.",
    subcommands = {
      ReleaseCommand.Create.class,
      ReleaseCommand.ListReleases.class,
      ReleaseCommand.Show.class,
      ReleaseWaitCommand.class,
      ReleaseCommand.Cancel.class
    })
final class ReleaseCommand {

  /** The types a release may have; offered by completion, checked by the server. */
  static final class Types implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("patch", "minor", "major").iterator();
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Plan a release of a product (its release manager).",
        "Without --version the next one follows from the product's versions and the type."
      })
  static final class Create extends ApiCommand {
    @Parameters(index = "0", paramLabel = "PRODUCT", description = "the product's key")
    String product;

    @Option(
        names = "--type",
        required = true,
        completionCandidates = Types.class,
        description = "patch, minor or major")
    String type;

    @Option(names = "--version", description = "a semantic version, e.g. 2.4.0 (default: the next)")
    String version;

    @Option(names = "--name", description = "a name for people")
    String name;

    @Option(names = "--summary", description = "the release notes' summary")
    String summary;

    @ArgGroup(exclusive = false)
    WindowOptions window;

    @Option(names = "--commit", description = "the commit (sha) the release is built from")
    String commit;

    @Option(
        names = "--ref",
        description = "the git ref the release follows, e.g. refs/heads/release/2.4")
    String ref;

    static final class WindowOptions {
      @Option(
          names = "--window-start",
          required = true,
          description = "start of the deployment window (ISO-8601 instant)")
      Instant start;

      @Option(
          names = "--window-end",
          required = true,
          description = "end of the deployment window (ISO-8601 instant)")
      Instant end;
    }

    @Override
    public Integer call() {
      ObjectNode body = object().put("type", type);
      putIfSet(body, "version", version);
      putIfSet(body, "name", name);
      putIfSet(body, "summary", summary);
      putIfSet(body, "commit", commit);
      putIfSet(body, "ref", ref);
      if (window != null) {
        body.putObject("window")
            .put("start", window.start.toString())
            .put("end", window.end.toString());
      }
      JsonNode r = api().post(path("products", product, "releases"), body);
      return answer(r, "Planned " + ReleaseView.title(r) + "\nid: " + ReleaseView.text(r, "id"));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a product's releases, newest first.")
  static final class ListReleases extends ApiCommand {
    @Parameters(index = "0", paramLabel = "PRODUCT", description = "the product's key")
    String product;

    @Option(names = "--status", description = "only releases in this status, e.g. preparing")
    String status;

    @Option(
        names = "--page",
        defaultValue = "0",
        description = "page number, from 0 (default ${DEFAULT-VALUE})")
    int page;

    @Option(
        names = "--size",
        defaultValue = "20",
        description = "releases per page (default ${DEFAULT-VALUE})")
    int size;

    @Override
    public Integer call() {
      StringBuilder q = new StringBuilder(path("products", product, "releases"));
      q.append("?page=").append(page).append("&size=").append(size);
      if (status != null) q.append("&status=").append(ApiClient.seg(status));
      JsonNode result = api().get(q.toString());
      if (json()) {
        printJson(result);
        return ExitCodes.OK;
      }
      Table t = new Table("ID", "VERSION", "TYPE", "STATUS", "NAME", "WINDOW");
      for (JsonNode r : result.path("items")) {
        t.row(
            ReleaseView.text(r, "id"),
            ReleaseView.text(r, "version"),
            ReleaseView.text(r, "type"),
            ReleaseView.text(r, "status"),
            ReleaseView.text(r, "name"),
            ReleaseView.text(r.path("window"), "start"));
      }
      if (t.isEmpty()) {
        out().println("No releases" + (status == null ? "" : " in status " + status) + ".");
      } else {
        t.print(out());
        long total = result.path("total").asLong(0);
        long pages = Math.max(1, (total + size - 1) / Math.max(1, size));
        out().println("page " + (page + 1) + " of " + pages + " · " + total + " release(s)");
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a release: requirements, steps, handoffs and the decision.")
  static final class Show extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Override
    public Integer call() {
      JsonNode r = api().get(release(id));
      if (json()) printJson(r);
      else ReleaseView.print(r, out());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a release before its production deployment (its release manager).")
  static final class Cancel extends ApiCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE",
        description = "the release: its id, or PRODUCT@VERSION")
    String id;

    @Option(names = "--reason", required = true, description = "why")
    String reason;

    @Override
    public Integer call() {
      JsonNode r = api().post(release(id) + "/cancel", object().put("reason", reason));
      return answer(r, "Cancelled " + ReleaseView.title(r));
    }
  }

  static void putIfSet(ObjectNode body, String field, String value) {
    if (value != null) body.put(field, value);
  }
}
