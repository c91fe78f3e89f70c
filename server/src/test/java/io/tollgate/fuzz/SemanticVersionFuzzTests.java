package io.tollgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tollgate.process.ReleaseType;
import io.tollgate.release.SemanticVersion;
import io.tollgate.release.VersionPolicy;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fuzzing semantic versions with Jazzer: printing and parsing round-trip, parsing agrees with the
 * regular expression semver.org publishes, precedence is a total order that matches SemVer 2.0.0
 * (checked against an independent reading of its rule 11), and {@link VersionPolicy} answers a
 * version or one of its documented refusals ({@link Invalid}, {@link Refused}), never anything
 * else. Versions are generated from the fuzzer's data; in every build each target runs once per
 * committed seed ({@code SemanticVersionFuzzTestsInputs/<target>/}), and {@code JAZZER_FUZZ=1}
 * fuzzes one target for real (README, "Fuzzing").
 */
class SemanticVersionFuzzTests {
  /** semver.org's numbered-group expression, as in {@code fixtures/semver}. */
  private static final Pattern SEMVER_ORG =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  /** Tollgate refuses longer version texts (see {@link SemanticVersion#parse}). */
  private static final int MAX_LENGTH = 256;

  private static final String NOISE = "0123456789.-+aAzZ \t\n_=v\u0661\uFF11\u00e9\uD800";

  @FuzzTest
  void aValidVersionPrintsAsItWasWrittenAndParsesBackEqual(FuzzedDataProvider data) {
    String text = version(data, false);
    if (text.length() > MAX_LENGTH) {
      assertThat(SemanticVersion.parse(text)).as("longer than the limit").isEmpty();
      return;
    }
    assertThat(SemanticVersion.parse(text)).as(text).isPresent();
    SemanticVersion v = SemanticVersion.parse(text).orElseThrow();
    assertThat(v.toString()).isEqualTo(text);
    assertThat(SemanticVersion.parse(v.toString())).contains(v);
  }

  /** Any text, as it would arrive in a request: UTF-8 bytes. */
  @FuzzTest
  void anyTextParsesExactlyWhenSemverOrgsExpressionAcceptsIt(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    assertThat(catchThrowable(() -> SemanticVersion.parse(text))).isNull();
    boolean valid = text.length() <= MAX_LENGTH && SEMVER_ORG.matcher(text).matches();
    assertThat(SemanticVersion.parse(text).isPresent()).as(text).isEqualTo(valid);
  }

  /** A version with a few characters inserted, removed or replaced, or plain noise. */
  @FuzzTest
  void aMangledVersionParsesExactlyWhenSemverOrgsExpressionAcceptsIt(FuzzedDataProvider data) {
    String text = mangled(data);
    assertThat(catchThrowable(() -> SemanticVersion.parse(text))).isNull();
    boolean valid = text.length() <= MAX_LENGTH && SEMVER_ORG.matcher(text).matches();
    assertThat(SemanticVersion.parse(text).isPresent()).as(text).isEqualTo(valid);
  }

  @FuzzTest
  void precedenceIsATotalOrderThatFollowsSemverRule11(FuzzedDataProvider data) {
    List<String> texts = List.of(parseable(data), parseable(data), parseable(data));
    List<SemanticVersion> v = texts.stream().map(t -> SemanticVersion.parse(t).get()).toList();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int c = Integer.signum(v.get(i).compareTo(v.get(j)));
        assertThat(c)
            .as("%s vs %s", texts.get(i), texts.get(j))
            .isEqualTo(Precedence.compare(texts.get(i), texts.get(j)))
            .isEqualTo(-Integer.signum(v.get(j).compareTo(v.get(i))));
        // build metadata is ignored, and only it
        assertThat(c == 0).isEqualTo(withoutBuild(texts.get(i)).equals(withoutBuild(texts.get(j))));
      }
    }
    SemanticVersion a = v.get(0);
    SemanticVersion b = v.get(1);
    SemanticVersion c = v.get(2);
    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
      assertThat(a.compareTo(c)).as("transitive").isLessThanOrEqualTo(0);
    }
  }

  @FuzzTest
  void theVersionPolicyAnswersAVersionOrADocumentedRefusal(FuzzedDataProvider data) {
    ReleaseType[] types = ReleaseType.values();
    List<String> texts = new ArrayList<>();
    for (int i = data.consumeInt(0, 5); i > 0; i--) texts.add(version(data, pick(data, 4) > 0));
    texts.removeIf(t -> t.length() > MAX_LENGTH);
    ReleaseType type = types[pick(data, types.length)];
    String requested = pick(data, 4) == 0 ? mangled(data) : version(data, pick(data, 4) > 0);
    PolicyCase c = new PolicyCase(texts, type, requested);

    List<SemanticVersion> existing =
        c.existing().stream().map(t -> SemanticVersion.parse(t).get()).toList();
    SemanticVersion proposed = VersionPolicy.next(c.type(), existing);
    assertThat(existing).allSatisfy(e -> assertThat(proposed).isGreaterThan(e));
    if (proposed.toString().length() <= MAX_LENGTH) {
      assertThat(VersionPolicy.check(proposed.toString(), c.type(), existing))
          .as("the proposal is accepted")
          .isEqualTo(proposed);
    }
    Throwable thrown = catchThrowable(() -> accepted(c, existing));
    if (thrown != null) {
      assertThat(thrown).as(c.toString()).isInstanceOfAny(Invalid.class, Refused.class);
      assertThat(thrown.getMessage()).isNotBlank();
    }
  }

  private record PolicyCase(List<String> existing, ReleaseType type, String requested) {}

  /** When the policy accepts a version, it is new and agrees with the release type. */
  private static void accepted(PolicyCase c, List<SemanticVersion> existing) {
    SemanticVersion v = VersionPolicy.check(c.requested(), c.type(), existing);
    assertThat(v.toString()).isEqualTo(c.requested());
    assertThat(existing).allSatisfy(e -> assertThat(e.compareTo(v)).isNotZero());
    switch (c.type()) {
      case MAJOR -> {
        assertThat(v.minor()).isZero();
        assertThat(v.patch()).isZero();
        assertThat(existing).allSatisfy(e -> assertThat(v).isGreaterThan(e));
      }
      case MINOR -> {
        assertThat(v.patch()).isZero();
        assertThat(v.minor()).isPositive();
        assertThat(existing).allSatisfy(e -> assertThat(v).isGreaterThan(e));
      }
      case PATCH -> assertThat(v.patch()).isPositive();
    }
  }

  // ------------------------------------------------- generators

  /**
   * A valid SemVer text; {@code small} draws from few values so that versions often tie or share
   * parts (and orderings get interesting), otherwise numbers may be huge.
   */
  static String version(FuzzedDataProvider r, boolean small) {
    StringBuilder s = new StringBuilder();
    s.append(number(r, small)).append('.').append(number(r, small)).append('.');
    s.append(number(r, small));
    if (pick(r, 3) > 0) {
      s.append('-');
      for (int i = 1 + pick(r, 4); i > 0; i--) {
        s.append(preRelease(r, small)).append(i > 1 ? "." : "");
      }
    }
    if (pick(r, 3) == 0) {
      s.append('+');
      for (int i = 1 + pick(r, 3); i > 0; i--) {
        s.append(identifier(r, "0123456789abcXYZ-", 1 + pick(r, 6))).append(i > 1 ? "." : "");
      }
    }
    return s.toString();
  }

  /** A valid version within Tollgate's length limit, mostly from few values. */
  private static String parseable(FuzzedDataProvider r) {
    String text;
    do {
      text = version(r, pick(r, 4) > 0);
    } while (text.length() > MAX_LENGTH);
    return text;
  }

  private static String number(FuzzedDataProvider r, boolean small) {
    if (small || pick(r, 4) > 0) return Integer.toString(pick(r, small ? 3 : 1000));
    int bits = pick(r, 8) == 0 ? 1 + pick(r, 900) : 1 + pick(r, 120);
    return new BigInteger(bits, new java.util.Random(r.consumeLong())).toString();
  }

  private static String preRelease(FuzzedDataProvider r, boolean small) {
    if (r.consumeBoolean()) return number(r, small);
    String alnum = identifier(r, small ? "ab-01" : "0123456789abzABZ-", 1 + pick(r, 5));
    // an alphanumeric identifier holds at least one non-digit
    return alnum.chars().allMatch(Character::isDigit) ? alnum + "-" : alnum;
  }

  private static String identifier(FuzzedDataProvider r, String alphabet, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) s.append(alphabet.charAt(pick(r, alphabet.length())));
    return s.toString();
  }

  /** A version with a few characters inserted, removed or replaced, or plain noise. */
  static String mangled(FuzzedDataProvider r) {
    StringBuilder s = new StringBuilder(pick(r, 5) == 0 ? "" : version(r, r.consumeBoolean()));
    for (int i = pick(r, 4); i > 0; i--) {
      int at = s.isEmpty() ? 0 : pick(r, s.length() + 1);
      char c = NOISE.charAt(pick(r, NOISE.length()));
      switch (pick(r, 3)) {
        case 0 -> s.insert(at, c);
        case 1 -> {
          if (at < s.length()) s.deleteCharAt(at);
        }
        default -> {
          if (at < s.length()) s.setCharAt(at, c);
        }
      }
    }
    if (pick(r, 20) == 0) s.append("9".repeat(pick(r, 300)));
    return s.toString();
  }

  /** A choice among {@code n}, drawn from the fuzzer's data (0 once the data is used up). */
  static int pick(FuzzedDataProvider data, int n) {
    return data.consumeInt(0, n - 1);
  }

  private static String withoutBuild(String text) {
    int plus = text.indexOf('+');
    return plus < 0 ? text : text.substring(0, plus);
  }

  /** SemVer 2.0.0 rule 11, read from the specification's text and applied to the texts. */
  static final class Precedence {
    private Precedence() {}

    static int compare(String a, String b) {
      String[] x = withoutBuild(a).split("-", 2);
      String[] y = withoutBuild(b).split("-", 2);
      String[] cx = x[0].split("\\.");
      String[] cy = y[0].split("\\.");
      for (int i = 0; i < 3; i++) {
        int c = new BigInteger(cx[i]).compareTo(new BigInteger(cy[i]));
        if (c != 0) return Integer.signum(c);
      }
      if (x.length == 1 || y.length == 1) return Integer.compare(y.length, x.length);
      String[] px = x[1].split("\\.");
      String[] py = y[1].split("\\.");
      for (int i = 0; i < Math.min(px.length, py.length); i++) {
        boolean nx = px[i].matches("[0-9]+");
        boolean ny = py[i].matches("[0-9]+");
        int c;
        if (nx && ny) c = new BigInteger(px[i]).compareTo(new BigInteger(py[i]));
        else if (nx != ny) c = nx ? -1 : 1;
        else c = px[i].compareTo(py[i]); // ASCII order: the identifiers are ASCII
        if (c != 0) return Integer.signum(c);
      }
      return Integer.compare(px.length, py.length);
    }
  }
}
