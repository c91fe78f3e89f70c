package io.tollgate.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A release's audit events as a page shows them: one sentence each, newest first, with the raw
 * payload kept for a "details" disclosure (templates/audit/timeline.html lays it out).
 */
public final class AuditTimeline {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AuditTimeline() {}

  /**
   * One line of the timeline.
   *
   * @param payload the event's payload, indented JSON
   */
  public record Entry(
      long seq,
      Instant at,
      String actor,
      String actorKind,
      String type,
      String sentence,
      String payload) {}

  /**
   * The events as timeline entries, newest first.
   *
   * @param titles the title of a step or requirement key in the release's process, or null (for
   *     events recorded before payloads carried titles)
   */
  public static List<Entry> of(List<AuditEvent> events, Function<String, String> titles) {
    List<Entry> entries = new ArrayList<>(events.size());
    for (AuditEvent e : events) entries.add(entry(e, titles));
    Collections.reverse(entries);
    return entries;
  }

  static Entry entry(AuditEvent e, Function<String, String> titles) {
    JsonNode payload = parse(e.details());
    return new Entry(
        e.seq(),
        e.at(),
        e.actor(),
        e.actorKind(),
        e.type(),
        AuditSentences.of(e.type(), e.actor(), payload, titles),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
  }

  private static JsonNode parse(String details) {
    try {
      return JSON.readTree(details == null ? "{}" : details);
    } catch (RuntimeException notJson) {
      return JSON.getNodeFactory().stringNode(details);
    }
  }
}
