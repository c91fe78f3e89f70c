package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.shared.outbound.SecretBox;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Signed links without Spring: what a token names, and that an altered or foreign one is refused.
 */
class SignedLinksTests {
  private static final byte[] KEY = new byte[32];
  private final SignedLinks links = new SignedLinks(new SecretBox(KEY), null, Duration.ofDays(7));

  @Test
  void aTokenNamesItsReleaseHandoffEventAndExpiry() {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    String token = links.token("r-1", "qa-to-rm", 42, now);
    assertThat(token).matches("[A-Za-z0-9_-]+");
    SignedLinks.Target t = links.open(token).orElseThrow();
    assertThat(t.release()).isEqualTo("r-1");
    assertThat(t.handoff()).isEqualTo("qa-to-rm");
    assertThat(t.seq()).isEqualTo(42);
    assertThat(t.expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(links.token("r-1", "qa-to-rm", 42, now))
        .as("sealed afresh each time")
        .isNotEqualTo(token);
  }

  @Test
  void anAlteredOrForeignTokenIsNotGenuine() {
    String token = links.token("r-1", "qa-to-rm", 42, Instant.now());
    char last = token.charAt(token.length() - 5);
    String altered =
        token.substring(0, token.length() - 5)
            + (last == 'A' ? 'B' : 'A')
            + token.substring(token.length() - 4);
    assertThat(links.open(altered)).isEmpty();
    byte[] other = new byte[32];
    other[0] = 1;
    SignedLinks foreign = new SignedLinks(new SecretBox(other), null, Duration.ofDays(7));
    assertThat(foreign.open(token)).isEmpty();
    assertThat(links.open("not-a-token")).isEmpty();
  }
}
