package io.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoPasswordsTests {

  @Test
  void aDemoPasswordIsThreeWordsAndFourDigitsAndLongEnoughToSignIn() {
    for (int i = 0; i < 500; i++) {
      String password = DemoPasswords.generate();
      assertThat(password).matches("[a-z]+-[a-z]+-[a-z]+-[0-9]{4}").hasSizeGreaterThanOrEqualTo(12);
    }
  }

  @Test
  void demoPasswordsAreNotRepeated() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      seen.add(DemoPasswords.generate());
    }
    assertThat(seen).as("a thousand passwords from ~2·10^10").hasSizeGreaterThan(995);
    assertThat(DemoPasswords.WORDS).doesNotHaveDuplicates().hasSizeGreaterThan(100);
  }

  @Test
  void theBannerPrintsEachPersonsPasswordNextToTheirTokenAndWhereToSignIn() {
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, String> passwords = new LinkedHashMap<>();
    DemoData.PEOPLE
        .keySet()
        .forEach(
            u -> {
              tokens.put(u, "tg_token_of_" + u);
              passwords.put(u, DemoPasswords.generate());
            });

    String banner = DemoData.banner(8123, tokens, passwords);

    assertThat(banner.lines().filter(l -> l.contains("tg_token_of_rita")).findFirst().orElseThrow())
        .contains(passwords.get("rita"))
        .contains("release-manager");
    passwords.values().forEach(p -> assertThat(banner).contains(p));
    assertThat(banner)
        .contains("Open http://localhost:8123/ and sign in as rita with the password above");
  }
}
