package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading stored documents by their schema version: upgrade the old, refuse the newer. */
class VersionedDocumentsTests {
  static final JsonMapper JSON = JsonMapper.builder().build();

  record Doc(int schemaVersion, String name) {}

  @Test
  void aDocumentWithoutAVersionIsVersionOneAndIsUpgradedToTheCurrentShape() {
    List<Integer> upgradedFrom = new ArrayList<>();

    Doc doc =
        VersionedDocuments.read(
            JSON,
            "{\"title\": \"old\"}",
            "Test",
            3,
            Doc.class,
            (node, version) -> {
              upgradedFrom.add(version);
              node.set("name", node.remove("title"));
            });

    assertThat(upgradedFrom).containsExactly(1);
    assertThat(doc).isEqualTo(new Doc(3, "old"));
  }

  @Test
  void aCurrentDocumentIsReadAsItIs() {
    Doc doc =
        VersionedDocuments.read(
            JSON,
            "{\"schemaVersion\": 3, \"name\": \"now\"}",
            "Test",
            3,
            Doc.class,
            (node, version) -> {
              throw new AssertionError("nothing to upgrade");
            });

    assertThat(doc).isEqualTo(new Doc(3, "now"));
  }

  @Test
  void aDocumentFromANewerServerIsRefusedNamingItsVersion() {
    assertThatThrownBy(
            () ->
                VersionedDocuments.read(
                    JSON, "{\"schemaVersion\": 4}", "Test", 3, Doc.class, (n, v) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Test document schema version 4 is newer than this server reads (3): upgrade the"
                + " server");
  }

  @Test
  void aDocumentThatIsNoObjectIsRefused() {
    assertThatThrownBy(
            () -> VersionedDocuments.read(JSON, "[1]", "Test", 3, Doc.class, (n, v) -> {}))
        .hasMessage("A stored test document is not a JSON object");
  }
}
