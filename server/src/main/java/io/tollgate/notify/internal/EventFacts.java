package io.tollgate.notify.internal;

import io.tollgate.audit.AuditEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The facts of an audit event's payload (canonical JSON). */
final class EventFacts {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EventFacts() {}

  static JsonNode payload(AuditEvent e) {
    try {
      return JSON.readTree(e.details() == null ? "{}" : e.details());
    } catch (RuntimeException notJson) {
      return JSON.createObjectNode();
    }
  }

  static String text(JsonNode payload, String key) {
    JsonNode n = payload.path(key);
    return n.isValueNode() ? n.asString() : null;
  }

  /** The id after {@code kind/} in the subject, or null. */
  static String subjectId(AuditEvent e, String kind) {
    String s = e.subject();
    return s != null && s.startsWith(kind + "/") ? s.substring(kind.length() + 1) : null;
  }
}
