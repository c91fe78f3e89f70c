package io.tollgate.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * X-Hub-Signature-256 against the fixed vectors of GitHub's documentation and octokit
 * (fixtures/github-webhooks/signature-vectors): every valid vector verifies, every negative one
 * fails, and changing any one byte of a body, or any one character of a signature, fails.
 */
class GithubSignatureTests {
  static final String DIR = "/fixtures/github-webhooks/signature-vectors/";

  static byte[] bytes(String name) {
    try (InputStream in = GithubSignatureTests.class.getResourceAsStream(DIR + name)) {
      if (in == null) throw new IllegalStateException("no fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode vectors() {
    return JsonMapper.builder().build().readTree(bytes("vectors.json"));
  }

  @Test
  void everyVectorVerifiesOrFailsAsItSays() {
    int valid = 0;
    int invalid = 0;
    for (JsonNode v : vectors().path("vectors")) {
      byte[] body = bytes(v.path("payload_file").asString());
      String header =
          v.has("expected_header")
              ? v.path("expected_header").asString()
              : v.path("header").asString();
      List<String> secrets = new ArrayList<>();
      secrets.add(v.path("secret").asString());
      v.path("additional_secrets").forEach(s -> secrets.add(s.asString()));
      boolean verifies = secrets.stream().anyMatch(s -> GithubSignature.verify(s, body, header));
      assertThat(verifies).as(v.path("id").asString()).isEqualTo(v.path("valid").asBoolean());
      if (v.path("valid").asBoolean()) {
        valid++;
        if (!v.has("additional_secrets")) {
          assertThat(GithubSignature.sign(secrets.get(0), body)).isEqualTo(header);
        }
      } else {
        invalid++;
      }
    }
    assertThat(valid).isEqualTo(6);
    assertThat(invalid).isEqualTo(2);
  }

  @Test
  void theDeliveryExampleVerifies() {
    JsonNode delivery = vectors().path("delivery_example");
    byte[] body = bytes(delivery.path("body_file").asString());
    assertThat(body).hasSize(7968);
    assertThat(
            GithubSignature.verify(
                delivery.path("secret").asString(),
                body,
                delivery.path("headers").path("X-Hub-Signature-256").asString()))
        .isTrue();
  }

  @Test
  void eachAlteredByteOfEachBodyFails() {
    for (JsonNode v : vectors().path("vectors")) {
      if (!v.path("valid").asBoolean() || v.has("additional_secrets")) continue;
      String secret = v.path("secret").asString();
      String header = v.path("expected_header").asString();
      byte[] body = bytes(v.path("payload_file").asString());
      for (int i = 0; i < body.length; i++) {
        byte[] altered = body.clone();
        altered[i] ^= 0x01;
        assertThat(GithubSignature.verify(secret, altered, header))
            .as(v.path("id").asString() + " byte " + i)
            .isFalse();
      }
      byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
      longer[body.length] = '\n';
      assertThat(GithubSignature.verify(secret, longer, header)).as("a trailing newline").isFalse();
      for (int i = "sha256=".length(); i < header.length(); i++) {
        char c = header.charAt(i);
        String other = header.substring(0, i) + (c == '0' ? '1' : '0') + header.substring(i + 1);
        assertThat(GithubSignature.verify(secret, body, other))
            .as(v.path("id").asString() + " signature character " + i)
            .isFalse();
      }
    }
  }

  @Test
  void malformedHeadersFail() {
    byte[] body = bytes("octokit-foo-bar.json");
    String good = GithubSignature.sign("mysecret", body);
    assertThat(GithubSignature.verify("mysecret", body, good)).isTrue();
    for (String bad :
        List.of(
            "",
            "foo",
            "sha256=",
            good.toUpperCase(java.util.Locale.ROOT),
            "sha1=" + good.substring(7),
            good.substring(0, good.length() - 1),
            good + "0",
            "sha256=" + "zz".repeat(32))) {
      assertThat(GithubSignature.verify("mysecret", body, bad)).as(bad).isFalse();
    }
    assertThat(GithubSignature.verify("mysecret", body, null)).isFalse();
    assertThat(GithubSignature.verify("", body, good)).as("no secret").isFalse();
  }
}
