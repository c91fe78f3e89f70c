package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.notify.Channel;
import io.tollgate.notify.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored and sent formats of notifications read back: a subscription's channel (format 1, as
 * stored rows hold it) and the webhook body (versions 1 and 2, as a receiver may have kept them;
 * the body written now is compared with a fixed value).
 */
class StoredFormatsTests {

  @Test
  void channelsOfFormatOneReadBack() {
    String webhook =
        "{\"v\":1,\"kind\":\"webhook\",\"url\":\"https://hooks.example/t\",\"secret\":\"tgs1:abcd:xyz\"}";
    assertThat(ChannelJson.read(webhook))
        .isEqualTo(new Channel.Webhook("https://hooks.example/t", "tgs1:abcd:xyz"));
    String email = "{\"v\":1,\"kind\":\"email\",\"to\":[\"role:support\",\"stakeholders\"]}";
    assertThat(ChannelJson.read(email))
        .isEqualTo(new Channel.Email(List.of("role:support", "stakeholders")));
    String slack =
        "{\"v\":1,\"kind\":\"slack\",\"url\":\"tgs1:abcd:q\",\"host\":\"hooks.slack.com\"}";
    assertThat(ChannelJson.read(slack))
        .isEqualTo(new Channel.Chat("slack", "tgs1:abcd:q", "hooks.slack.com"));
    for (Channel c :
        List.of(ChannelJson.read(webhook), ChannelJson.read(email), ChannelJson.read(slack))) {
      assertThat(ChannelJson.read(ChannelJson.write(c))).isEqualTo(c);
    }
  }

  @Test
  void aChannelOfAnUnknownFormatIsRefusedNotGuessed() {
    assertThatThrownBy(() -> ChannelJson.read("{\"v\":2,\"kind\":\"email\",\"to\":[]}"))
        .hasMessageContaining("version 2");
  }

  @Test
  void aVersionOneWebhookBodyAsAReceiverKeptItReads() throws IOException {
    String stored;
    try (InputStream in =
        getClass().getResourceAsStream("/io/tollgate/notify/webhook-body-v1.json")) {
      stored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WebhookBody.Read read = WebhookBody.read(stored);
    assertThat(read.bodyVersion()).isEqualTo(1);
    assertThat(read.type()).isEqualTo("deployment.succeeded");
    assertThat(read.product()).isEqualTo("octoshop");
    assertThat(read.seq()).isEqualTo(42);
    assertThat(read.data().path("environment").asString()).isEqualTo("production");
    assertThat(read.subject()).as("version 1 had no subject").isNull();
    assertThat(read.link())
        .as("version 1 had the link in its data")
        .endsWith("/releases/" + read.data().path("release").asString());
  }

  @Test
  void theBodyIsTheVersionTwoTemplateWithEveryValueEscaped() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("product", "octoshop");
    data.put("release", "r1");
    data.put("version", "1.2.0");
    data.put("note", "said \"go\"\nand went");
    data.put("actor", "dana");
    data.put("seq", 7L);
    data.put("link", "https://tollgate.example/releases/r1");
    Message m =
        new Message(
            "decision.recorded",
            "2026-12-01T10:00:00Z",
            "[Tollgate] Octo \"Shop\" 1.2.0: decision: go",
            "t",
            "h",
            "sl",
            "tm",
            data,
            "https://tollgate.example/releases/r1");
    assertThat(WebhookBody.write(m))
        .isEqualTo(
            "{\"type\":\"decision.recorded\",\"timestamp\":\"2026-12-01T10:00:00Z\","
                + "\"bodyVersion\":2,"
                + "\"subject\":\"[Tollgate] Octo \\\"Shop\\\" 1.2.0: decision: go\","
                + "\"link\":\"https://tollgate.example/releases/r1\","
                + "\"data\":{\"product\":\"octoshop\",\"release\":\"r1\",\"version\":\"1.2.0\","
                + "\"note\":\"said \\\"go\\\"\\nand went\",\"actor\":\"dana\",\"seq\":7,"
                + "\"link\":\"https://tollgate.example/releases/r1\"}}");
  }

  @Test
  void aVersionTwoBodyReadsWithItsSubjectAndLink() {
    String stored =
        "{\"type\":\"release.announced\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"bodyVersion\":2,"
            + "\"subject\":\"[Tollgate] Octo Shop 1.2.0: released and announced\","
            + "\"link\":\"https://t.example/releases/r1\",\"data\":{\"product\":\"octoshop\",\"seq\":9}}";
    WebhookBody.Read read = WebhookBody.read(stored);
    assertThat(read.bodyVersion()).isEqualTo(2);
    assertThat(read.subject()).isEqualTo("[Tollgate] Octo Shop 1.2.0: released and announced");
    assertThat(read.link()).isEqualTo("https://t.example/releases/r1");
    assertThat(read.seq()).isEqualTo(9);
    assertThatThrownBy(() -> WebhookBody.read("{\"bodyVersion\":3,\"data\":{}}"))
        .hasMessageContaining("version 3");
  }

  @Test
  void theBodyWrittenNowHasTheContractsFields() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("product", "octoshop");
    data.put("release", "r1");
    data.put("version", "1.2.0");
    data.put("actor", "dana");
    data.put("seq", 7L);
    Message m =
        new Message(
            "decision.recorded", "2026-12-01T10:00:00Z", "s", "t", "h", "sl", "tm", data, "l");
    WebhookBody.Read read = WebhookBody.read(WebhookBody.write(m));
    assertThat(read.bodyVersion()).isEqualTo(WebhookBody.VERSION);
    assertThat(read.type()).isEqualTo("decision.recorded");
    assertThat(read.timestamp()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(read.data().path("version").asString()).isEqualTo("1.2.0");
    assertThat(read.data().path("actor").asString()).isEqualTo("dana");
  }
}
