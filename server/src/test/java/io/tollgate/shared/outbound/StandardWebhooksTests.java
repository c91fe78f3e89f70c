package io.tollgate.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The spec's fixed vector (fixtures/standard-webhooks, from the Standard Webhooks libraries). */
class StandardWebhooksTests {
  static final JsonNode VECTOR = vector();
  static final String SECRET = VECTOR.get("secret").asString();
  static final String ID = VECTOR.get("webhook_id").asString();
  static final long TS = Long.parseLong(VECTOR.get("webhook_timestamp").asString());
  static final String BODY = body();
  static final String EXPECTED = VECTOR.get("expected_webhook_signature").asString();

  @Test
  void reproducesTheSpecsSignature() {
    assertThat(BODY).isEqualTo(VECTOR.get("body_text").asString());
    assertThat(StandardWebhooks.ofSecret(SECRET).sign(ID, TS, BODY)).isEqualTo(EXPECTED);
    assertThat(StandardWebhooks.ofSecret(SECRET).headers(ID, TS, BODY))
        .containsEntry("webhook-id", ID)
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", EXPECTED);
  }

  @Test
  void verifiesTheVectorWithOrWithoutThePrefix() {
    assertThat(StandardWebhooks.ofSecret(SECRET).verify(ID, TS, BODY, EXPECTED)).isTrue();
    String bare = SECRET.substring("whsec_".length());
    assertThat(StandardWebhooks.ofSecret(bare).verify(ID, TS, BODY, EXPECTED)).isTrue();
  }

  @Test
  void refusesTheLibrariesNegativeCases() {
    StandardWebhooks hooks = StandardWebhooks.ofSecret(SECRET);
    assertThat(hooks.verify(ID, TS, BODY, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="))
        .isFalse();
    assertThat(hooks.verify(ID, TS, BODY, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="))
        .isFalse();
    assertThat(hooks.verify(ID, TS, BODY, "v1,")).isFalse();
    assertThat(hooks.verify(ID, TS, BODY, "v2," + EXPECTED.substring(3))).isFalse();
    assertThat(hooks.verify(ID, TS, BODY + " ", EXPECTED)).isFalse();
    assertThat(hooks.verify(ID, TS + 1, BODY, EXPECTED)).isFalse();
    assertThat(hooks.verify("msg_other", TS, BODY, EXPECTED)).isFalse();
    assertThat(hooks.verify(ID, TS, BODY, null)).isFalse();
  }

  @Test
  void acceptsOneValidAmongSeveralSignatures() {
    String other = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    assertThat(
            StandardWebhooks.ofSecret(SECRET)
                .verify(ID, TS, BODY, other + " " + EXPECTED + " " + other))
        .isTrue();
  }

  @Test
  void freshnessIsFiveMinutesEitherWay() {
    StandardWebhooks hooks = StandardWebhooks.ofSecret(SECRET);
    Instant at = Instant.ofEpochSecond(TS);
    assertThat(hooks.verifyFresh(ID, TS, BODY, EXPECTED, at.plusSeconds(300))).isTrue();
    assertThat(hooks.verifyFresh(ID, TS, BODY, EXPECTED, at.plusSeconds(301))).isFalse();
    assertThat(hooks.verifyFresh(ID, TS, BODY, EXPECTED, at.minusSeconds(301))).isFalse();
  }

  @Test
  void emptySecretsAreRefusedAndNewSecretsWork() {
    assertThatThrownBy(() -> StandardWebhooks.ofSecret("whsec_"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandardWebhooks.ofSecret(""))
        .isInstanceOf(IllegalArgumentException.class);
    String secret = StandardWebhooks.newSecret();
    assertThat(secret).startsWith("whsec_").hasSize(6 + 44);
    assertThat(secret).isNotEqualTo(StandardWebhooks.newSecret());
    StandardWebhooks hooks = StandardWebhooks.ofSecret(secret);
    assertThat(hooks.verify("d1", 5, "{}", hooks.sign("d1", 5, "{}"))).isTrue();
    assertThat(StandardWebhooks.ofSecret(SECRET).verify("d1", 5, "{}", hooks.sign("d1", 5, "{}")))
        .isFalse();
  }

  private static JsonNode vector() {
    return JsonMapper.builder().build().readTree(read("vector.json"));
  }

  private static String body() {
    return read("payload.json");
  }

  private static String read(String name) {
    try (InputStream in =
        StandardWebhooksTests.class.getResourceAsStream("/fixtures/standard-webhooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
