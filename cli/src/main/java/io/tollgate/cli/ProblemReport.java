package io.tollgate.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/**
 * How an error answer reads in a terminal: the problem's detail, then what the refusal waits for
 * (its {@code blockers}), the missing scope of a scoped token, or the lines of an invalid file.
 */
final class ProblemReport {
  private ProblemReport() {}

  static void print(ApiException e, PrintWriter err) {
    JsonNode p = e.problem();
    String title = p.path("title").asString("");
    String detail = p.path("detail").asString("");
    StringBuilder head = new StringBuilder("tollgate: ");
    head.append(label(e.status()));
    if (!title.isBlank() && !title.equals(detail)) head.append(" — ").append(title);
    head.append(" (HTTP ").append(e.status()).append(')');
    err.println(head);
    if (!detail.isBlank()) err.println("  " + detail);
    JsonNode blockers = p.path("blockers");
    if (blockers.isArray() && !blockers.isEmpty()) {
      err.println("  Waiting for:");
      Table t = new Table("KIND", "KEY", "TITLE");
      for (JsonNode b : blockers) {
        t.row(
            b.path("kind").asString(""), b.path("key").asString(""), b.path("title").asString(""));
      }
      t.printRows(err, "  ");
    }
    String scope = p.path("missingScope").asString("");
    if (!scope.isBlank()) err.println("  The token's scope lacks: " + scope);
    JsonNode errors = p.path("errors");
    if (errors.isArray()) {
      for (JsonNode error : errors) {
        int line = error.path("line").asInt(0);
        String message = error.isString() ? error.asString() : error.path("message").asString("");
        err.println("  " + (line > 0 ? "line " + line + ": " : "") + message);
      }
    }
    err.flush();
  }

  private static String label(int status) {
    return switch (ExitCodes.forStatus(status)) {
      case ExitCodes.AUTH -> status == 401 ? "not signed in" : "not allowed";
      case ExitCodes.NOT_FOUND -> "not found";
      case ExitCodes.SERVER -> "server error";
      default -> "refused";
    };
  }
}
