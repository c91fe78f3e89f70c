package io.tollgate.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sign-in budgets, on a clock the test moves. */
class SignInThrottleTests {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(5, 12, Duration.ofMinutes(15), clock);

  @Test
  void fiveFailuresLockTheAccountUntilATokenRefills() {
    for (int i = 0; i < 4; i++) {
      assertThat(throttle.failed("rita", "10.0.0.1")).isEmpty();
    }
    assertThat(throttle.failed("rita", "10.0.0.1"))
        .as("the fifth failure locks")
        .contains(clock.instant().plus(Duration.ofMinutes(3)));
    assertThat(throttle.lockedUntil("rita", "10.0.0.2")).as("from any address").isPresent();
    assertThat(throttle.lockedUntil("RITA", null)).as("whatever the case").isPresent();
    assertThat(throttle.lockedUntil("sam", "10.0.0.1")).as("not other accounts").isEmpty();

    clock.move(Duration.ofMinutes(2));
    assertThat(throttle.lockedUntil("rita", null)).isPresent();
    clock.move(Duration.ofMinutes(1));
    assertThat(throttle.lockedUntil("rita", null)).as("one attempt every 3 minutes").isEmpty();
    assertThat(throttle.failed("rita", null)).isPresent();
  }

  @Test
  void anAddressHasALargerBudgetAcrossAccounts() {
    for (int i = 0; i < 11; i++) {
      assertThat(throttle.failed("user" + i, "10.0.0.9")).isEmpty();
    }
    assertThat(throttle.failed("user11", "10.0.0.9")).isPresent();
    assertThat(throttle.lockedUntil("someone-new", "10.0.0.9")).as("any account").isPresent();
    assertThat(throttle.lockedUntil("someone-new", "10.0.0.10")).isEmpty();
  }

  @Test
  void theMessageSaysWhenToTryAgain() {
    assertThat(throttle.lockedMessage(clock.instant().plus(Duration.ofSeconds(150))))
        .contains("locked until 10:02 UTC (in 3 minutes)");
    assertThat(throttle.lockedMessage(clock.instant().plus(Duration.ofSeconds(20))))
        .contains("(in 1 minute)");
  }

  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
