package io.tollgate.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins with token buckets (Bucket4j): per account ({@code accountFailures} per
 * window, by default 5 per 15 minutes) and per client address (a larger budget, by default 50).
 * Each failure takes a token; with none left, sign-in is refused, even with the right password,
 * until the bucket refills (one token every window/limit). Buckets live in this node's memory.
 */
@Component
public class SignInThrottle {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final int accountFailures;
  private final int addressFailures;
  private final Duration window;
  private final Clock clock;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  @Autowired
  SignInThrottle(
      @Value("${tollgate.signin.account-failures:5}") int accountFailures,
      @Value("${tollgate.signin.address-failures:50}") int addressFailures,
      @Value("${tollgate.signin.window:15m}") Duration window,
      Clock clock) {
    if (accountFailures < 1 || addressFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("sign-in limits must be positive");
    }
    this.accountFailures = accountFailures;
    this.addressFailures = addressFailures;
    this.window = window;
    this.clock = clock;
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
    this.buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(window.multipliedBy(2))
            .maximumSize(100_000)
            .build();
  }

  /** When sign-in is possible again for this account or address; empty when it is now. */
  public Optional<Instant> lockedUntil(String username, String address) {
    Optional<Instant> account = waitFor(account(username));
    return account.isPresent() ? account : waitFor(address(address));
  }

  /**
   * Counts a failed sign-in against the account and the address.
   *
   * @return when sign-in is possible again, if this failure used up a budget
   */
  public Optional<Instant> failed(String username, String address) {
    account(username).tryConsume(1);
    Bucket byAddress = address(address);
    if (byAddress != null) byAddress.tryConsume(1);
    return lockedUntil(username, address);
  }

  /** What a person is told while locked out. */
  public String lockedMessage(Instant until) {
    long minutes = Math.max(1, (Duration.between(clock.instant(), until).toSeconds() + 59) / 60);
    return "Too many failed sign-ins: signing in is locked until "
        + TIME.format(until)
        + " (in "
        + minutes
        + (minutes == 1 ? " minute" : " minutes")
        + "). Try again then; if you forgot your password, ask the administrator for a"
        + " set-password link.";
  }

  private Optional<Instant> waitFor(Bucket bucket) {
    if (bucket == null) return Optional.empty();
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    if (probe.canBeConsumed()) return Optional.empty();
    long millis = (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000;
    return Optional.of(clock.instant().plusMillis(millis));
  }

  private Bucket account(String username) {
    String key = "account:" + IdentityEvents.claimed(username).toLowerCase(Locale.ROOT);
    return buckets.get(key, k -> bucket(accountFailures));
  }

  private Bucket address(String address) {
    if (address == null || address.isBlank()) return null;
    return buckets.get("address:" + address, k -> bucket(addressFailures));
  }

  private Bucket bucket(int failures) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, window))
        .withCustomTimePrecision(time)
        .build();
  }
}
