package io.tollgate.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JUnit XML as the tools write it: Maven Surefire reports of this project's own build (copied from
 * target/surefire-reports, one passing and one with a failure), and pytest- and Jest-style {@code
 * <testsuites>} files; no DTD or entity is read.
 */
class JunitReportTests {

  static byte[] fixture(String name) {
    try (InputStream in = JunitReportTests.class.getResourceAsStream("/fixtures/junit/" + name)) {
      if (in == null) throw new IllegalStateException("no fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPassingSurefireReportOfThisProject() {
    JunitReport r = JunitReport.parse(fixture("TEST-io.tollgate.identity.TokenScopeTests.xml"));
    assertThat(r.name()).isEqualTo("io.tollgate.identity.TokenScopeTests");
    assertThat(r.tests()).isEqualTo(6);
    assertThat(r.failures()).isZero();
    assertThat(r.errors()).isZero();
    assertThat(r.passed()).isTrue();
    assertThat(r.failing()).isEmpty();
    assertThat(r.durationSeconds()).isPositive();
  }

  @Test
  void aSurefireReportWithAFailure() {
    JunitReport r = JunitReport.parse(fixture("TEST-surefire-with-failure.xml"));
    assertThat(r.passed()).isFalse();
    assertThat(r.failures() + r.errors()).isPositive();
    assertThat(r.failing()).isNotEmpty();
    assertThat(r.failing().get(0).name()).isNotBlank();
    assertThat(r.failing().get(0).message()).isNotBlank().doesNotContain("\n");
  }

  @Test
  void pytestStyleCountsEachKind() {
    JunitReport r = JunitReport.parse(fixture("pytest-style.xml"));
    assertThat(r.name()).isEqualTo("pytest");
    assertThat(r.tests()).isEqualTo(4);
    assertThat(r.failures()).isEqualTo(1);
    assertThat(r.errors()).isEqualTo(1);
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.durationSeconds()).isEqualTo(0.052);
    assertThat(r.failing())
        .containsExactly(
            new JunitReport.Failing(
                "tests.test_cart", "test_total", "AssertionError: assert 3 == 4"),
            new JunitReport.Failing(
                "tests.test_cart", "test_db", "failed on setup with \"ConnectionError\""));
  }

  @Test
  void jestStyleSumsItsSuites() {
    JunitReport r = JunitReport.parse(fixture("jest-style.xml"));
    assertThat(r.name()).isEqualTo("jest tests");
    assertThat(r.tests()).isEqualTo(3);
    assertThat(r.failures()).isEqualTo(1);
    assertThat(r.durationSeconds()).isEqualTo(0.8 + 0.434);
    assertThat(r.failing().get(0).name()).isEqualTo("Checkout refunds");
    assertThat(r.failing().get(0).message()).isEqualTo("failed");
  }

  @Test
  void whatIsNotAReportIsRefused() {
    assertThatThrownBy(() -> JunitReport.parse(fixture("xxe.xml")))
        .isInstanceOf(Invalid.class)
        .hasMessageNotContaining("root:");
    assertThatThrownBy(() -> JunitReport.parse("<html></html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("<html>");
    assertThatThrownBy(() -> JunitReport.parse("not xml".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> JunitReport.parse(new byte[0])).isInstanceOf(Invalid.class);
  }
}
