package io.tollgate.identity.internal;

import io.tollgate.identity.TokenScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token's scope as stored in {@code api_tokens.scope}: a JSON object with {@code version} (1
 * now). A null column is a token without a scope (every token issued before scopes existed).
 */
public final class TokenScopeFormat {
  /** The shape written now. */
  public static final int VERSION = 1;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TokenScopeFormat() {}

  public static String write(TokenScope scope) {
    if (scope == null) return null;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", VERSION);
    if (scope.products() != null) doc.put("products", scope.products());
    if (scope.readOnly()) doc.put("readOnly", true);
    if (scope.actions() != null) doc.put("actions", scope.actions());
    return JSON.writeValueAsString(doc);
  }

  public static TokenScope read(String stored) {
    if (stored == null || stored.isBlank()) return null;
    JsonNode doc = JSON.readTree(stored);
    int version = doc.path("version").asInt(0);
    if (version != VERSION) {
      throw new IllegalStateException(
          "A stored token scope has version " + version + "; this server reads " + VERSION);
    }
    return new TokenScope(
        list(doc.get("products")), doc.path("readOnly").asBoolean(false), list(doc.get("actions")));
  }

  private static List<String> list(JsonNode node) {
    if (node == null || node.isNull()) return null;
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asString()));
    return out;
  }
}
