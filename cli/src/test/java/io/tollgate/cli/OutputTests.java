package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;

/** Tables, durations and the release view, without a server. */
class OutputTests {
  @Test
  void aTableAlignsItsColumns() {
    StringWriter s = new StringWriter();
    new Table("KEY", "STATUS", "NOTE")
        .row("ci-security", "met", null)
        .row("backup", "skipped", "a\nb")
        .print(new PrintWriter(s));
    assertThat(s.toString())
        .isEqualTo(
            """
            KEY          STATUS   NOTE
            ci-security  met      -
            backup       skipped  a b
            """);
    assertThat(Table.cell("x".repeat(100))).hasSize(Table.MAX_CELL).endsWith("…");
  }

  @Test
  void durationsReadAsPeopleTypeThem() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("15")).isEqualTo(Duration.ofSeconds(15));
    assertThat(Durations.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> Durations.parse("PT-5S")).isInstanceOf(TypeConversionException.class);
    assertThat(Durations.format(Duration.ofSeconds(3725))).isEqualTo("1h02m");
    assertThat(Durations.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
  }

  @Test
  void aReleaseShowsItsProgress() {
    JsonNode r =
        Cli.JSON.readTree(
            """
            {"product":"shop","version":"2.0.0","type":"major","status":"preparing",
             "requirements":[{"key":"a","status":"met"},{"key":"b","status":"open"}],
             "steps":[{"key":"x","status":"done"},{"key":"y","status":"skipped"},{"key":"z","status":"pending"}]}
            """);
    assertThat(ReleaseView.title(r)).isEqualTo("shop 2.0.0 (major) — preparing");
    assertThat(ReleaseView.progress(r)).isEqualTo("requirements 1/2 met · steps 2/3 done");
  }
}
