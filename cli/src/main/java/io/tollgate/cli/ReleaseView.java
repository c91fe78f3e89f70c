package io.tollgate.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/** A release (the JSON of {@code GET /api/v1/releases/{id}}) as people read it. */
final class ReleaseView {
  private ReleaseView() {}

  /** {@code octoshop 1.3.0 (minor) — preparing}. */
  static String title(JsonNode r) {
    return text(r, "product")
        + " "
        + text(r, "version")
        + " ("
        + text(r, "type")
        + ") — "
        + text(r, "status");
  }

  /** {@code requirements 3/6 met · steps 4/10 done}. */
  static String progress(JsonNode r) {
    int met = 0;
    int requirements = 0;
    for (JsonNode q : r.path("requirements")) {
      requirements++;
      if ("met".equals(text(q, "status"))) met++;
    }
    int done = 0;
    int steps = 0;
    for (JsonNode s : r.path("steps")) {
      steps++;
      String status = text(s, "status");
      if ("done".equals(status) || "skipped".equals(status)) done++;
    }
    return "requirements "
        + met
        + "/"
        + requirements
        + " met · steps "
        + done
        + "/"
        + steps
        + " done";
  }

  static void print(JsonNode r, PrintWriter out) {
    out.println(title(r));
    out.println("id:       " + text(r, "id"));
    if (!text(r, "name").isEmpty()) out.println("name:     " + text(r, "name"));
    JsonNode p = r.path("process");
    out.println("process:  " + text(p, "id") + " v" + p.path("version").asString("?"));
    JsonNode w = r.path("window");
    if (w.isObject()) out.println("window:   " + text(w, "start") + " – " + text(w, "end"));
    out.println("progress: " + progress(r) + " · revision " + r.path("revision").asString("?"));

    out.println();
    Table requirements = new Table("REQUIREMENT", "OWNER", "STATUS", "BY", "EVIDENCE");
    for (JsonNode q : r.path("requirements")) {
      requirements.row(
          text(q, "key"), owner(q), text(q, "status"), by(q), evidence(q.path("evidence")));
    }
    requirements.print(out);

    out.println();
    Table steps = new Table("STEP", "OWNER", "STATUS", "BY", "NOTE");
    for (JsonNode s : r.path("steps")) {
      String status =
          text(s, "status") + (s.path("optional").asBoolean(false) ? " (optional)" : "");
      String note = text(s, "note");
      if (note.isEmpty()) note = evidence(s.path("evidence"));
      steps.row(text(s, "key"), owner(s), status, by(s), note);
    }
    steps.print(out);

    if (!r.path("handoffs").isEmpty()) {
      out.println();
      Table handoffs = new Table("HANDOFF", "FROM", "TO", "STATUS");
      for (JsonNode h : r.path("handoffs")) {
        handoffs.row(text(h, "key"), text(h, "from"), text(h, "to"), text(h, "status"));
      }
      handoffs.print(out);
    }

    JsonNode d = r.path("decision");
    out.println();
    if (d.isObject()) {
      String stale = d.path("stale").asBoolean(false) ? " — STALE: " + text(d, "staleBecause") : "";
      out.println(
          "decision: "
              + text(d, "decision")
              + " by "
              + text(d, "by")
              + " at "
              + text(d, "at")
              + ": "
              + text(d, "rationale")
              + stale);
    } else {
      out.println("decision: none yet");
    }
    out.flush();
  }

  /** A requirement's or step's owner: a role, or the roles that sign it. */
  private static String owner(JsonNode item) {
    JsonNode o = item.path("owner");
    if (o.isArray()) return LoginCommand.join(o);
    return o.asString("");
  }

  private static String by(JsonNode item) {
    JsonNode signatures = item.path("signatures");
    if (signatures.isArray() && !signatures.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode s : signatures) {
        if (!b.isEmpty()) b.append(", ");
        b.append(text(s, "by")).append(" (").append(text(s, "role")).append(')');
      }
      return b.toString();
    }
    return text(item, "by");
  }

  static String evidence(JsonNode e) {
    if (!e.isObject()) return e.isString() ? e.asString() : "";
    String url = text(e, "url");
    String note = text(e, "note");
    if (url.isEmpty()) return note;
    return note.isEmpty() ? url : url + " — " + note;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) return "";
    if (v.isArray()) return LoginCommand.join(v);
    return v.asString("");
  }
}
