package io.tollgate.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.web.JsonBodyGuard;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LimitsTests {

  @Test
  void textIsUnicodeWithoutControlCharactersButTabsAndNewlines() {
    assertThat(Limits.textProblem("plain text\twith\ttabs\r\nand lines")).isNull();
    assertThat(Limits.textProblem("emoji 🚀 is a proper pair")).isNull();
    assertThat(Limits.textProblem("x\ud800y")).contains("unpaired").contains("character 2");
    assertThat(Limits.textProblem("\udc00")).contains("unpaired");
    assertThat(Limits.textProblem("bell\u0007")).contains("U+0007");
    assertThat(Limits.textProblem("c1\u0085")).contains("U+0085");
  }

  @Test
  void versionNumbersAreShort() {
    assertThat(Limits.versionProblem("1.2.3-rc.1+build.5")).isNull();
    assertThat(Limits.versionProblem("1234567890123456789012345678901234567890123.0.0"))
        .contains("43 digits");
  }

  @Test
  void aDocumentOverItsLimitIsRefusedWith422() {
    assertThatCode(() -> Limits.requireDocumentSize("release", "x".repeat(1000)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> Limits.requireDocumentSize("release", "x".repeat(Limits.DOCUMENT_CHARS + 1)))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("size limit");
  }

  @Test
  void theBodyGuardNamesTheFieldInNestedObjectsAndLists() {
    assertThatThrownBy(() -> guard("{\"evidence\":{\"url\":\"a\",\"note\":\"\\u0001\"}}"))
        .isInstanceOfSatisfying(
            Invalid.class, e -> assertThat(e.field()).isEqualTo("evidence.note"));
    assertThatThrownBy(() -> guard("{\"items\":[{\"a\":1}," + "{\"a\":1},".repeat(100) + "1]}"))
        .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.field()).isEqualTo("items"));
    assertThatThrownBy(() -> guard("[" + "[".repeat(20) + "]".repeat(20) + "]"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("deeper");
    assertThatThrownBy(() -> guard("{\"a\":1,\"a\":2}")).isInstanceOf(BadRequest.class);
    assertThatCode(() -> guard("{\"summary\":\"fine\",\"list\":[\"a\",\"b\"]}"))
        .doesNotThrowAnyException();
  }

  private static void guard(String json) {
    JsonBodyGuard.check(json.getBytes(StandardCharsets.UTF_8));
  }
}
