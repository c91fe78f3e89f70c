package io.tollgate.shared.db;

import java.util.function.ObjIntConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a stored JSON document that carries its schema version ({@code schemaVersion}; none means
 * version 1) as the current shape: a document from a newer server is refused rather than misread,
 * an older one is upgraded step by step by its owner, and every document is read as the current
 * version (it is rewritten in that shape when next saved).
 */
public final class VersionedDocuments {
  private VersionedDocuments() {}

  /**
   * @param what how messages name the document, e.g. {@code Release}
   * @param current the schema version written now
   * @param upgrade brings a document of the given older version to the current shape, in place
   */
  public static <T> T read(
      JsonMapper json,
      String document,
      String what,
      int current,
      Class<T> type,
      ObjIntConsumer<ObjectNode> upgrade) {
    JsonNode node = json.readTree(document);
    if (!(node instanceof ObjectNode doc)) {
      throw new IllegalStateException(
          "A stored " + what.toLowerCase(java.util.Locale.ROOT) + " document is not a JSON object");
    }
    int version = doc.path("schemaVersion").asInt(1);
    if (version > current) {
      throw new IllegalStateException(
          what
              + " document schema version "
              + version
              + " is newer than this server reads ("
              + current
              + "): upgrade the server");
    }
    if (version < current) upgrade.accept(doc, version);
    doc.put("schemaVersion", current);
    return json.treeToValue(doc, type);
  }
}
