package io.tollgate.automation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.AutomationConfig.Command;
import io.tollgate.automation.AutomationConfig.HttpCheck;
import io.tollgate.automation.AutomationConfig.PrometheusCheck;
import io.tollgate.automation.AutomationConfig.Verification;
import io.tollgate.automation.AutomationConfig.Webhook;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutomationDocumentsTests {
  /** A document of schema version 1 as this server first stored it: it must keep reading. */
  static final String STORED_V1 =
      """
      {"schemaVersion":1,"executor":{"kind":"webhook","url":"https://ci.example.com/h",\
      "secret":"tgs1:630dcd29:AAAA","timeoutSeconds":900},"verification":{"checks":[\
      {"kind":"http","url":"https://shop.example.com/health","expectStatus":200,"bodyContains":"UP"},\
      {"kind":"prometheus","url":"http://prom:9090","query":"rate(e[5m])","op":"<","threshold":0.01}],\
      "soakSeconds":300,"intervalSeconds":10},"autoVerify":true,"autoRollback":true}\
      """;

  @Test
  void readsAStoredVersionOneDocument() {
    AutomationConfig config = AutomationDocuments.read(STORED_V1);
    assertThat(config.executor())
        .isEqualTo(new Webhook("https://ci.example.com/h", "tgs1:630dcd29:AAAA", 900));
    assertThat(config.verification().checks())
        .containsExactly(
            new HttpCheck("https://shop.example.com/health", 200, "UP"),
            new PrometheusCheck("http://prom:9090", "rate(e[5m])", "<", 0.01));
    assertThat(config.verification().soakSeconds()).isEqualTo(300);
    assertThat(config.autoRollback()).isTrue();
    assertThat(AutomationDocuments.write(config)).isEqualTo(STORED_V1);
  }

  @Test
  void writesAndReadsACommand() {
    AutomationConfig config =
        new AutomationConfig(
            new Command(List.of("deploy.sh", "--env", "staging"), 60),
            new Verification(List.of(), 0, 5),
            false,
            false);
    assertThat(AutomationDocuments.read(AutomationDocuments.write(config))).isEqualTo(config);
  }

  @Test
  void refusesAnUnknownVersion() {
    assertThatThrownBy(() -> AutomationDocuments.read("{\"schemaVersion\":2}"))
        .hasMessageContaining("upgrade the server");
  }
}
