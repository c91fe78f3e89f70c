package io.tollgate.release;

import java.util.Set;

/**
 * Which environments of a product are deployed by automation: the actor {@code system} runs their
 * deploy, smoke-test and verification steps (see {@link Grants}). Provided by the automation
 * feature; without it, no environment is automated.
 */
public interface AutomatedEnvironments {
  Set<String> of(String product);

  /**
   * The environments whose smoke-test and verification steps have checks (see {@link
   * ChecksPolicy}).
   */
  default Set<String> checked(String product) {
    return Set.of();
  }

  /**
   * Locked environments of a product (after a rollback) with the reason (see {@link LockPolicy}).
   */
  default java.util.Map<String, String> locked(String product) {
    return java.util.Map.of();
  }
}
