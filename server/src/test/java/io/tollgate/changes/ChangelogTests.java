package io.tollgate.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Keep a Changelog format: the reader accepts every example of the fixtures (the format's own
 * changelog, its 2.0 worked example, oscarotero's expected file), and what Tollgate writes reads
 * back the same way.
 */
class ChangelogTests {

  static String fixture(String name) {
    try (InputStream in =
        ChangelogTests.class.getResourceAsStream("/fixtures/keep-a-changelog/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theFixturesReadAsKeepAChangelog() {
    List<Changelog.Heading> repo = Changelog.read(fixture("kacl-repo-CHANGELOG.md"));
    assertThat(repo).hasSize(17);
    assertThat(repo.get(0).version()).isEqualTo("Unreleased");
    assertThat(repo.get(1).version()).isEqualTo("2.0.0");
    assertThat(repo.get(1).date()).isEqualTo("2026-06-07");
    assertThat(repo.get(1).types()).startsWith("Added", "Changed", "Removed");

    String example = fixture("kacl-2.0.0-example-changelog.md");
    String block =
        example.substring(
            example.indexOf("```markdown\n") + 12, example.lastIndexOf("```\n\n## What"));
    List<Changelog.Heading> worked = Changelog.read(block);
    assertThat(worked)
        .extracting(Changelog.Heading::version)
        .containsExactly("Unreleased", "2.0.0", "1.4.0", "1.3.1", "1.3.0");
    assertThat(worked.get(1).types()).containsExactlyElementsOf(Changelog.TYPES);
    assertThat(worked.get(3).yanked()).isTrue();

    List<Changelog.Heading> oscarotero =
        Changelog.read(fixture("oscarotero-expected-changelog.md"));
    assertThat(oscarotero).hasSize(14);
    assertThat(oscarotero.get(1).date()).isEqualTo("Unreleased");
    assertThat(oscarotero.get(1).yanked()).isTrue();
  }

  @Test
  void whatTollgateWritesHasTheSameShape() {
    String md =
        Changelog.render(
            "OctoShop",
            List.of(
                new Changelog.Version(
                    "2.0.0",
                    LocalDate.parse("2026-12-01"),
                    false,
                    "Checkout in one page.\nPrices in cents.",
                    Map.of(
                        "Fixed", List.of("rounding of totals"),
                        "Added", List.of("one-page checkout"),
                        "Changed", List.of("**Breaking:** amounts are in cents")),
                    "/releases/r2"),
                new Changelog.Version(
                    "1.1.0",
                    LocalDate.parse("2026-11-20"),
                    true,
                    null,
                    Map.of("Changed", List.of("Loyalty points")),
                    "/releases/r1")));
    assertThat(md)
        .startsWith(
            "# Changelog\n\nAll notable changes to OctoShop will be documented in this file.\n")
        .contains("[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)")
        .contains("[Semantic Versioning](https://semver.org/spec/v2.0.0.html)")
        .contains(
            "## [2.0.0] - 2026-12-01\n\nCheckout in one page. Prices in cents.\n\n### Added\n\n- one-page checkout\n")
        .contains("## [1.1.0] - 2026-11-20 [YANKED]\n")
        .endsWith("[2.0.0]: /releases/r2\n[1.1.0]: /releases/r1\n");
    List<Changelog.Heading> read = Changelog.read(md);
    assertThat(read).extracting(Changelog.Heading::version).containsExactly("2.0.0", "1.1.0");
    assertThat(read.get(0).types()).containsExactly("Added", "Changed", "Fixed");
    assertThat(read.get(1).yanked()).isTrue();
  }

  @Test
  void aHeadingOutOfTheFormatIsNotRead() {
    assertThatThrownBy(() -> Changelog.read("# Changelog\n\n## 1.0.0 (yesterday)\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Changelog.read("## [1.0.0] - 2026-01-01\n### Improvements\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
