package io.tollgate.release;

import static io.tollgate.process.ReleaseType.MAJOR;
import static io.tollgate.process.ReleaseType.MINOR;
import static io.tollgate.process.ReleaseType.PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.process.ReleaseType;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which version a new release gets (api.md, "Releases"). */
class VersionPolicyTests {

  /** A product with releases on two minor lines, listed out of order. */
  private static final List<SemanticVersion> CHECKOUT =
      versions("1.10.0", "1.2.3", "0.9.9", "1.2.0");

  // ---------------------------------------------------------------- proposed

  @Test
  void proposesTheFirstVersionOfAProductByType() {
    assertThat(VersionPolicy.next(MAJOR, List.of())).hasToString("1.0.0");
    assertThat(VersionPolicy.next(MINOR, List.of())).hasToString("0.1.0");
    assertThat(VersionPolicy.next(PATCH, List.of())).hasToString("0.0.1");
  }

  @Test
  void proposesTheNextMajorMinorOrPatchOfTheHighestVersion() {
    assertThat(VersionPolicy.next(MAJOR, CHECKOUT)).hasToString("2.0.0");
    assertThat(VersionPolicy.next(MINOR, CHECKOUT)).hasToString("1.11.0");
    assertThat(VersionPolicy.next(PATCH, CHECKOUT)).hasToString("1.10.1");
  }

  @Test
  void findsTheHighestVersionByPrecedenceNotByText() {
    assertThat(VersionPolicy.next(PATCH, versions("1.9.0", "1.10.0-rc.1", "1.10.0")))
        .hasToString("1.10.1");
    assertThat(VersionPolicy.next(MINOR, versions("9.0.0", "10.0.0"))).hasToString("10.1.0");
  }

  @ParameterizedTest
  @EnumSource(ReleaseType.class)
  void acceptsTheVersionItProposes(ReleaseType type) {
    for (List<SemanticVersion> existing :
        List.of(
            List.<SemanticVersion>of(), CHECKOUT, versions("0.0.1"), versions("0.3.0", "0.3.4"))) {
      SemanticVersion proposed = VersionPolicy.next(type, existing);

      assertThat(VersionPolicy.check(proposed.toString(), type, existing))
          .as("%s after %s", type, existing)
          .isEqualTo(proposed);
    }
  }

  // ---------------------------------------------------------------- given: valid and unused

  @ParameterizedTest
  @ValueSource(strings = {"v2.0.0", "2.0", "2", "02.0.0", "2.0.0.0", "2.0.0-", "two", ""})
  void refusesAVersionThatIsNotSemver(String requested) {
    assertThatThrownBy(() -> VersionPolicy.check(requested, MAJOR, CHECKOUT))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("not a semantic version");
  }

  @Test
  void refusesAVersionAlreadyUsed() {
    assertThatThrownBy(() -> VersionPolicy.check("1.2.3", PATCH, CHECKOUT))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> VersionPolicy.check("1.10.0", MINOR, CHECKOUT))
        .isInstanceOf(Refused.class);
  }

  @Test
  void treatsAVersionDifferingOnlyInBuildMetadataAsUsed() {
    // SemVer §10: build metadata does not make a different version
    assertThatThrownBy(() -> VersionPolicy.check("1.10.0+build.7", MINOR, CHECKOUT))
        .isInstanceOf(Refused.class);
  }

  // ---------------------------------------------------------------- given: patch

  @ParameterizedTest
  @ValueSource(strings = {"1.2.4", "1.2.9", "1.10.1", "0.9.10", "1.2.4-rc.1"})
  void acceptsAPatchThatRaisesThePatchNumberOfAnExistingLine(String requested) {
    assertThat(VersionPolicy.check(requested, PATCH, CHECKOUT)).hasToString(requested);
  }

  @ParameterizedTest
  @CsvSource({
    "1.3.1, no 1.3.x release",
    "2.0.1, no 2.0.x release",
    "1.2.2, not above 1.2.3",
    "1.2.1, not above 1.2.3",
    "1.2.3-rc.1, not above 1.2.3",
    "1.11.0, ends in .0"
  })
  void refusesAPatchOutsideAnExistingLineOrNotAboveItsHighestPatch(String requested, String why) {
    assertThatThrownBy(() -> VersionPolicy.check(requested, PATCH, CHECKOUT))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining(why);
  }

  @Test
  void acceptsAnyPatchVersionForAProductsFirstRelease() {
    assertThat(VersionPolicy.check("0.0.1", PATCH, List.of())).hasToString("0.0.1");
    assertThatThrownBy(() -> VersionPolicy.check("1.0.0", PATCH, List.of()))
        .isInstanceOf(Invalid.class);
  }

  // ---------------------------------------------------------------- given: minor

  @ParameterizedTest
  @ValueSource(strings = {"1.11.0", "1.12.0", "1.11.0-rc.1"})
  void acceptsAMinorThatKeepsTheMajorAndExceedsTheHighestVersion(String requested) {
    assertThat(VersionPolicy.check(requested, MINOR, CHECKOUT)).hasToString(requested);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.9.0", "1.3.0", "2.1.0", "1.11.1", "2.0.0", "0.10.0"})
  void refusesAMinorThatChangesTheMajorOrDoesNotExceedTheHighestVersion(String requested) {
    assertThatThrownBy(() -> VersionPolicy.check(requested, MINOR, CHECKOUT))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("1.11.0");
  }

  @Test
  void acceptsTheFinalMinorAfterItsPreRelease() {
    assertThat(VersionPolicy.check("1.11.0", MINOR, versions("1.10.0", "1.11.0-rc.1")))
        .hasToString("1.11.0");
  }

  // ---------------------------------------------------------------- given: major

  @ParameterizedTest
  @ValueSource(strings = {"2.0.0", "3.0.0", "2.0.0-rc.1"})
  void acceptsAMajorAboveTheHighestMajorWithZeroMinorAndPatch(String requested) {
    assertThat(VersionPolicy.check(requested, MAJOR, CHECKOUT)).hasToString(requested);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "2.1.0", "2.0.1", "0.0.0"})
  void refusesAMajorNotAboveTheHighestMajorOrNotEndingInZeroZero(String requested) {
    assertThatThrownBy(() -> VersionPolicy.check(requested, MAJOR, CHECKOUT))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("2.0.0");
  }

  @Test
  void acceptsAMajorForAProductsFirstRelease() {
    assertThat(VersionPolicy.check("3.0.0", MAJOR, List.of())).hasToString("3.0.0");
    assertThatThrownBy(() -> VersionPolicy.check("0.0.0", MAJOR, List.of()))
        .isInstanceOf(Invalid.class);
  }

  /**
   * api.md: "a minor or major exceeds the product's highest version". 2.0.0 exceeds 2.0.0-rc.1, as
   * the minor rule already allows 1.11.0 after 1.11.0-rc.1.
   */
  @Test
  void acceptsTheFinalMajorAfterItsPreRelease() {
    assertThat(VersionPolicy.check("2.0.0", MAJOR, versions("1.10.0", "2.0.0-rc.1")))
        .hasToString("2.0.0");
  }

  private static List<SemanticVersion> versions(String... texts) {
    return Arrays.stream(texts).map(t -> SemanticVersion.parse(t).orElseThrow()).toList();
  }
}
