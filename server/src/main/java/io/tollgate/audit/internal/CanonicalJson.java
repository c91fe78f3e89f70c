package io.tollgate.audit.internal;

import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON with map keys sorted, so the same details always hash the same. */
public final class CanonicalJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private CanonicalJson() {}

  public static String write(Map<String, ?> details) {
    return MAPPER.writeValueAsString(details == null ? Map.of() : new java.util.TreeMap<>(details));
  }

  public static String string(String value) {
    return MAPPER.writeValueAsString(value);
  }
}
