package io.tollgate.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentData;
import io.tollgate.incident.IncidentStep;
import io.tollgate.process.ProcessParser;
import io.tollgate.release.ProcessRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Stored incident documents of every schema version read as the current shape. */
class IncidentDocumentFormatTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String fixture(String name) throws IOException {
    try (InputStream in = IncidentDocumentFormatTests.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsADocumentWrittenBeforeDocumentsHadASchemaVersion() throws IOException {
    String v1 = fixture("incident-document-v1.json");
    assertThat(v1).doesNotContain("schema");

    IncidentData data = IncidentDocumentFormat.read(JSON, v1);

    assertThat(data.schemaVersion()).isEqualTo(IncidentData.SCHEMA_VERSION);
    assertThat(data.revision()).isEqualTo(9);
    assertThat(data.process()).isEqualTo(new ProcessRef("octoacme-standard", 1));
    assertThat(data.severity()).isEqualTo("critical");
    assertThat(data.rollback().toVersion()).isEqualTo("1.3.2");
    assertThat(data.actionItems()).containsExactly("Add the index", "Alert on lock waits");
    assertThat(data.resolvedAt()).isEqualTo(Instant.parse("2026-03-03T11:00:00Z"));
    assertThat(data.steps())
        .extracting(IncidentStep::key, IncidentStep::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple("execute-rollback", "done"),
            org.assertj.core.groups.Tuple.tuple("customer-comms", "skipped"));
    Incident incident =
        Incident.restore(data, ProcessParser.builtIn().playbook(), "release-manager");
    assertThat(incident.status()).isEqualTo("resolved");
    assertThat(incident.pendingSteps()).isEmpty();
  }

  @Test
  void theCurrentShapeRoundTripsAndNamesItsVersion() throws IOException {
    IncidentData old = IncidentDocumentFormat.read(JSON, fixture("incident-document-v1.json"));
    String written = JSON.writeValueAsString(old);

    assertThat(written).contains("\"schemaVersion\":2");
    assertThat(IncidentDocumentFormat.read(JSON, written)).isEqualTo(old);
  }

  @Test
  void aDocumentFromANewerServerIsRefusedClearly() {
    assertThatThrownBy(() -> IncidentDocumentFormat.read(JSON, "{\"schemaVersion\": 3}"))
        .hasMessageContaining("Incident document schema version 3")
        .hasMessageContaining("upgrade the server");
  }

  @Test
  void aDocumentThatIsNoObjectIsRefused() {
    assertThatThrownBy(() -> IncidentDocumentFormat.read(JSON, "[]"))
        .hasMessageContaining("not a JSON object");
  }
}
