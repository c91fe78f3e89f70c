package io.tollgate.release;

import java.time.Instant;
import java.util.List;

/** Where one requirement of a release stands. */
public record RequirementState(
    String key, boolean met, Evidence evidence, String by, Instant at, List<Signature> signatures) {

  public RequirementState {
    signatures = List.copyOf(signatures);
  }

  static RequirementState open(String key) {
    return new RequirementState(key, false, null, null, null, List.of());
  }

  RequirementState signed(Signature signature) {
    List<Signature> more = new java.util.ArrayList<>(signatures);
    more.add(signature);
    return new RequirementState(key, met, evidence, by, at, more);
  }

  RequirementState metBy(String username, Instant when, Evidence how) {
    return new RequirementState(key, true, how, username, when, signatures);
  }

  public RequirementStatus status() {
    return met ? RequirementStatus.MET : RequirementStatus.OPEN;
  }

  public boolean signedBy(String role) {
    return signatures.stream().anyMatch(s -> s.role().equals(role));
  }
}
