package io.tollgate.release;

import io.tollgate.process.RequirementDef;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import java.util.List;
import java.util.Optional;

/**
 * A requirement with several signers takes one signature per call: from a role the signer holds
 * that has not signed yet, and from a person who has not signed it before. It is met with the last
 * signature.
 */
final class SignaturePolicy {
  private SignaturePolicy() {}

  /** The role the person signs with now. */
  static Optional<String> roleToSign(RequirementDef def, RequirementState state, Participant by) {
    return def.signers().stream().filter(r -> by.holds(r) && !state.signedBy(r)).findFirst();
  }

  /** Why the person cannot sign now, or null when they can. */
  static TollgateException refusal(RequirementDef def, RequirementState state, Participant by) {
    String key = def.key();
    if (def.signers().stream().noneMatch(by::holds)) {
      return Forbidden.needsRole(
          String.join("' or '", def.signers()),
          "Signing requirement '" + key + "'",
          by.username(),
          by.sortedRoles());
    }
    List<String> unsigned = unsignedRoles(def, state);
    if (roleToSign(def, state, by).isEmpty()) {
      return Refused.because(
          "Requirement '"
              + key
              + "' already has the signature of your role; it still needs "
              + String.join(", ", unsigned)
              + ".",
          unsigned.stream().map(r -> new Blocker("signature", r, r + " signs " + key)).toList());
    }
    if (state.signatures().stream().anyMatch(s -> s.by().equals(by.username()))) {
      return Refused.because(
          "You already signed requirement '"
              + key
              + "'; it needs a signature from another person holding "
              + String.join(", ", unsigned)
              + ".");
    }
    return null;
  }

  /** The signer roles that have not signed yet. */
  static List<String> unsignedRoles(RequirementDef def, RequirementState state) {
    return def.signers().stream().filter(r -> !state.signedBy(r)).toList();
  }

  /** Whether every signer role has signed. */
  static boolean complete(RequirementDef def, RequirementState state) {
    return def.signers().stream().allMatch(state::signedBy);
  }
}
