package io.tollgate.release.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.process.ProcessParser;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseData;
import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.StepStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Stored release documents of every schema version read as the current shape. */
class ReleaseDocumentsTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String fixture(String name) throws IOException {
    try (InputStream in = ReleaseDocumentsTests.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsADocumentWrittenBeforeDocumentsHadASchemaVersion() throws IOException {
    String v1 = fixture("release-document-v1.json");
    assertThat(v1).contains("\"deployments\"").contains("\"incidents\"").doesNotContain("schema");

    ReleaseData data = ReleaseDocuments.read(JSON, v1);

    assertThat(data.schemaVersion()).isEqualTo(ReleaseData.SCHEMA_VERSION);
    assertThat(data.revision()).isEqualTo(27);
    assertThat(data.decisions()).hasSize(1);
    assertThat(data.decisions().get(0).revision()).isNull();
    Release release = Release.restore(data, ProcessParser.builtIn());
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
    assertThat(release.latestDecision().isGo()).isTrue();
    assertThat(release.steps())
        .filteredOn(s -> s.key().equals("deploy-production"))
        .extracting(s -> s.status())
        .containsExactly(StepStatus.DONE);
    assertThat(release.notes().get("knownIssues")).containsExactly("Balance refreshes hourly");
  }

  @Test
  void readsAVersion2DocumentWrittenBeforeApprovals() throws IOException {
    String v2 = fixture("release-document-v2.json");
    assertThat(v2).contains("\"schemaVersion\": 2").doesNotContain("approvals");

    ReleaseData data = ReleaseDocuments.read(JSON, v2);

    assertThat(data.schemaVersion()).isEqualTo(ReleaseData.SCHEMA_VERSION);
    assertThat(data.revision()).isEqualTo(31);
    assertThat(data.approvals()).isEmpty();
    assertThat(data.decisions()).hasSize(1);
    assertThat(data.decisions().get(0).revision()).isEqualTo(20);
    assertThat(data.decisions().get(0).snapshot().approvals()).isEmpty();
    assertThat(data.decisions().get(0).snapshot().requirements()).isNotEmpty();
    Release release = Release.restore(data, ProcessParser.builtIn());
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
    assertThat(release.approvals()).isEmpty();
    assertThat(release.approvalsRequired()).isEmpty();
  }

  @Test
  void theCurrentShapeRoundTripsAndNamesItsVersion() throws IOException {
    ReleaseData old = ReleaseDocuments.read(JSON, fixture("release-document-v1.json"));
    String written = JSON.writeValueAsString(old);

    assertThat(written)
        .contains("\"schemaVersion\":4")
        .contains("\"approvals\":[]")
        .doesNotContain("\"deployments\"");
    assertThat(ReleaseDocuments.read(JSON, written)).isEqualTo(old);
  }

  @Test
  void readsAVersionTwoDocumentWithoutSourceOrDecisionCommits() throws IOException {
    String v2 = fixture("release-document-v2.json");
    assertThat(v2).contains("\"schemaVersion\"").doesNotContain("\"source\"");

    ReleaseData data = ReleaseDocuments.read(JSON, v2);

    assertThat(data.schemaVersion()).isEqualTo(ReleaseData.SCHEMA_VERSION);
    assertThat(data.source()).isNull();
    assertThat(data.decisions().get(0).commit()).isNull();
    assertThat(data.decisions().get(0).stale()).isFalse();
    Release release = Release.restore(data, ProcessParser.builtIn());
    assertThat(release.source()).isNull();
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
    assertThat(JSON.writeValueAsString(release.toData()))
        .contains("\"schemaVersion\":4")
        .contains("\"source\":null");
  }

  @Test
  void readsAVersion3DocumentWhoseDecisionSnapshotsHaveNoFreezeOverrides() throws IOException {
    String v3 = fixture("release-document-v3.json");
    assertThat(v3).contains("\"schemaVersion\": 3").doesNotContain("\"overrides\"");

    ReleaseData data = ReleaseDocuments.read(JSON, v3);

    assertThat(data.schemaVersion()).isEqualTo(ReleaseData.SCHEMA_VERSION);
    assertThat(data.decisions()).hasSize(1);
    assertThat(data.decisions().get(0).commit())
        .isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
    assertThat(data.decisions().get(0).snapshot().overrides()).isEmpty();
    assertThat(data.decisions().get(0).snapshot().requirements()).isNotEmpty();
    Release release = Release.restore(data, ProcessParser.builtIn());
    assertThat(release.status()).isEqualTo(ReleaseStatus.RELEASED);
    String written = JSON.writeValueAsString(release.toData());
    assertThat(written).contains("\"schemaVersion\":4").contains("\"overrides\":[]");
    assertThat(ReleaseDocuments.read(JSON, written)).isEqualTo(release.toData());
  }

  @Test
  void aDocumentFromANewerServerIsNotMisread() {
    assertThatThrownBy(() -> ReleaseDocuments.read(JSON, "{\"schemaVersion\": 99}"))
        .hasMessageContaining("upgrade the server");
  }
}
