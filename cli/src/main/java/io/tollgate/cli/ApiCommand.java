package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A command that prints an answer, as a table or as JSON ({@code -o}). */
abstract class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOption output;

  Session session() {
    return ((Tollgate) spec.root().userObject()).session();
  }

  ApiClient api() {
    return session().api();
  }

  boolean json() {
    return output.format == Format.json;
  }

  PrintWriter out() {
    return session().out();
  }

  ObjectNode object() {
    return session().json().createObjectNode();
  }

  /** Prints a JSON answer for scripts, indented. */
  void printJson(JsonNode node) {
    out().println(session().json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    out().flush();
  }

  /** Prints the answer: as JSON with -o json, otherwise the given line for people. */
  int answer(JsonNode node, String line) {
    if (json()) printJson(node);
    else {
      out().println(line);
      out().flush();
    }
    return ExitCodes.OK;
  }

  static String path(String first, String... rest) {
    StringBuilder b = new StringBuilder("/api/v1/").append(first);
    for (String s : rest) b.append('/').append(ApiClient.seg(s));
    return b.toString();
  }

  /**
   * The path of a release named by its id or as {@code PRODUCT@VERSION} (found in the product's
   * list, newest first).
   */
  String release(String ref) {
    return path("releases", releaseId(ref));
  }

  String releaseId(String ref) {
    int at = ref.indexOf('@');
    if (at <= 0 || at == ref.length() - 1) return ref;
    String product = ref.substring(0, at);
    String version = ref.substring(at + 1);
    for (int page = 0; ; page++) {
      JsonNode result = api().get(path("products", product, "releases") + "?size=200&page=" + page);
      for (JsonNode r : result.path("items")) {
        if (version.equals(r.path("version").asString(""))) return r.path("id").asString("");
      }
      if ((long) (page + 1) * 200 >= result.path("total").asLong(0)) {
        throw new CliException(
            ExitCodes.NOT_FOUND, "The product " + product + " has no release " + version);
      }
    }
  }
}
