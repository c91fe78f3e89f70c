package io.tollgate.identity;

import io.tollgate.support.Api;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The audit log as the administrator reads it over the API, from a mark taken before a test. */
final class AuditTrail {
  private final Api admin;
  private final long mark;

  private AuditTrail(Api admin, long mark) {
    this.admin = admin;
    this.mark = mark;
  }

  /** Marks the end of the log now; {@link #since} then sees only what comes after. */
  static AuditTrail mark(Api admin) {
    List<JsonNode> all = read(admin, 0);
    return new AuditTrail(admin, all.isEmpty() ? 0 : all.get(all.size() - 1).path("seq").asLong());
  }

  /** The events since the mark about {@code subject} (e.g. {@code user/rita}), oldest first. */
  List<JsonNode> since(String subject) {
    return read(admin, mark).stream()
        .filter(e -> e.path("subject").asString().equals(subject))
        .toList();
  }

  /** The types of those events. */
  List<String> types(String subject) {
    return since(subject).stream().map(e -> e.path("action").asString()).toList();
  }

  private static List<JsonNode> read(Api admin, long after) {
    List<JsonNode> events = new ArrayList<>();
    long from = after;
    while (true) {
      JsonNode page = admin.get("/api/v1/audit?limit=1000&after=" + from).json();
      page.valueStream().forEach(events::add);
      if (page.size() < 1000) return events;
      from = page.get(page.size() - 1).path("seq").asLong();
    }
  }
}
