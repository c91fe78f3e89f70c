package io.tollgate.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsing and precedence of Semantic Versioning 2.0.0, checked against the lists semver.org links
 * to and node-semver's comparison fixtures (see {@code fixtures/semver/README.md}).
 */
class SemanticVersionTests {
  private static final String REGEX101 = "/fixtures/semver/semver-org-regex101-valid-invalid.json";
  private static final String NODE_COMPARISONS = "/fixtures/semver/node-semver-comparisons.js";

  // ---------------------------------------------------------------- parsing

  static Stream<String> validVersions() {
    Map<String, Object> fixture = regex101();
    List<String> valid = new ArrayList<>(strings(fixture, "valid_stable"));
    valid.addAll(strings(fixture, "valid_prerelease"));
    assertThat(valid).as("the fixture lists 31 valid versions").hasSize(31);
    return valid.stream();
  }

  static Stream<String> invalidVersions() {
    List<String> invalid = strings(regex101(), "invalid");
    assertThat(invalid).as("the fixture lists 40 invalid versions").hasSize(40);
    return invalid.stream().distinct();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVersions")
  void parsesEveryValidVersionFromSemverOrg(String text) {
    assertThat(SemanticVersion.parse(text))
        .as(text)
        .hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo(text));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVersions")
  void refusesEveryInvalidVersionFromSemverOrg(String text) {
    assertThat(SemanticVersion.parse(text)).as(text).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " 1.2.3",
        "1.2.3 ",
        "v1.2.3",
        "=1.2.3",
        "1.2.3-",
        "1.2.3+",
        "1.2.3-a+",
        "1.2.3\n",
        "\uFF11.2.3",
        "1.2.3-\u03B1"
      })
  void refusesWhatIsNotStrictSemver(String text) {
    assertThat(SemanticVersion.parse(text)).isEmpty();
  }

  @Test
  void refusesNothingAtAll() {
    assertThat(SemanticVersion.parse(null)).isEmpty();
  }

  @Test
  void splitsAVersionIntoItsParts() {
    SemanticVersion v =
        SemanticVersion.parse("1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay")
            .orElseThrow();

    assertThat(v.major()).isEqualTo(BigInteger.ONE);
    assertThat(v.minor()).isEqualTo(BigInteger.ZERO);
    assertThat(v.patch()).isEqualTo(BigInteger.ZERO);
    assertThat(v.preRelease()).containsExactly("alpha-a", "b-c-somethinglong");
    assertThat(v.build()).isEqualTo("build.1-aef.1-its-okay");
    assertThat(v.isPreRelease()).isTrue();
    assertThat(SemanticVersion.parse("1.2.3+meta").orElseThrow().isPreRelease()).isFalse();
  }

  @Test
  void keepsNumbersBeyondTheRangeOfLong() {
    SemanticVersion v =
        SemanticVersion.parse("99999999999999999999999.999999999999999999.99999999999999999")
            .orElseThrow();

    assertThat(v.major()).isEqualTo(new BigInteger("99999999999999999999999"));
    assertThat(v.nextPatch().toString())
        .isEqualTo("99999999999999999999999.999999999999999999.100000000000000000");
  }

  @Test
  void proposesTheNextVersionsWithoutPreReleaseOrBuild() {
    SemanticVersion v = SemanticVersion.parse("1.4.2-rc.1+build.7").orElseThrow();

    assertThat(v.nextMajor()).isEqualTo(SemanticVersion.of(2, 0, 0));
    assertThat(v.nextMinor()).isEqualTo(SemanticVersion.of(1, 5, 0));
    assertThat(v.nextPatch()).isEqualTo(SemanticVersion.of(1, 4, 3));
  }

  // ---------------------------------------------------------------- precedence

  @Test
  void ordersPreReleasesAsSemverOrgSection11Does() {
    List<String> ascending =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0");

    for (int i = 0; i < ascending.size(); i++) {
      for (int j = 0; j < ascending.size(); j++) {
        SemanticVersion a = version(ascending.get(i));
        SemanticVersion b = version(ascending.get(j));
        assertThat(Integer.signum(a.compareTo(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.compare(i, j));
      }
    }
    List<SemanticVersion> shuffled =
        new ArrayList<>(ascending.stream().map(SemanticVersionTests::version).toList());
    java.util.Collections.reverse(shuffled);
    java.util.Collections.sort(shuffled);
    assertThat(shuffled).extracting(SemanticVersion::toString).containsExactlyElementsOf(ascending);
  }

  @Test
  void comparesMajorMinorAndPatchNumerically() {
    assertThat(version("1.10.0")).isGreaterThan(version("1.9.0"));
    assertThat(version("2.0.0")).isGreaterThan(version("1.99.99"));
    assertThat(version("1.2.10")).isGreaterThan(version("1.2.9"));
    assertThat(version("10.0.0")).isGreaterThan(version("9.0.0"));
  }

  @Test
  void ignoresBuildMetadataForPrecedence() {
    assertThat(version("1.0.0+build.1")).isEqualByComparingTo(version("1.0.0+build.2"));
    assertThat(version("1.0.0-rc.1+a")).isEqualByComparingTo(version("1.0.0-rc.1"));
  }

  static Stream<Arguments> nodeSemverComparisons() throws IOException {
    String js = resource(NODE_COMPARISONS);
    // ['v1', 'v2'] with an optional third element (loose flag or options)
    Matcher m = Pattern.compile("\\[\\s*'([^']*)'\\s*,\\s*'([^']*)'\\s*(?:,[^\\]]*)?]").matcher(js);
    List<Arguments> pairs = new ArrayList<>();
    int all = 0;
    while (m.find()) {
      all++;
      String greater = m.group(1);
      String lesser = m.group(2);
      if (SemanticVersion.parse(greater).isPresent() && SemanticVersion.parse(lesser).isPresent()) {
        pairs.add(Arguments.of(greater, lesser));
      }
    }
    assertThat(all).as("pairs in the fixture").isEqualTo(31);
    assertThat(pairs).as("pairs that are strict SemVer 2.0.0").hasSize(19);
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} > {1}")
  @MethodSource("nodeSemverComparisons")
  void agreesWithNodeSemverOnWhichVersionIsGreater(String greater, String lesser) {
    assertThat(version(greater).compareTo(version(lesser))).isPositive();
    assertThat(version(lesser).compareTo(version(greater))).isNegative();
  }

  // ---------------------------------------------------------------- helpers

  private static SemanticVersion version(String text) {
    return SemanticVersion.parse(text)
        .orElseThrow(() -> new AssertionError("not a version: " + text));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> regex101() {
    try {
      return JsonMapper.builder().build().readValue(resource(REGEX101), Map.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Map<String, Object> fixture, String key) {
    return (List<String>) fixture.get(key);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = SemanticVersionTests.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
