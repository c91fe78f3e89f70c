package io.tollgate.process;

import java.util.List;
import java.util.Set;

/**
 * A pre-release requirement (gate). Owned by one role, or signed by several ({@code signers}): a
 * requirement with several signers is met once a holder of each role has signed.
 *
 * @param signers the owning role first; more than one means every one must sign
 * @param metBy steps whose successful completion also meets this requirement
 * @param check an automatic condition that must hold before the requirement can be met
 * @param autoMet kinds of events (e.g. {@code ci.succeeded}) through which an actor that is not a
 *     person ({@code system}, an integration) may meet it; people meet it by holding the role
 */
public record RequirementDef(
    String key,
    String title,
    String description,
    List<String> signers,
    Set<ReleaseType> appliesTo,
    List<String> metBy,
    Check check,
    List<String> autoMet) {

  /** Conditions the server checks before a requirement may be met. */
  public enum Check {
    NONE,
    /** The release notes are complete (every field required for the release type is filled). */
    NOTES_COMPLETE,
    /**
     * A quality gate: JUnit test results are attached to the requirement, and the latest report of
     * each suite shows zero failures and zero errors.
     */
    ZERO_FAILURES
  }

  public RequirementDef {
    signers = List.copyOf(signers);
    appliesTo = Set.copyOf(appliesTo);
    metBy = List.copyOf(metBy);
    autoMet = autoMet == null ? List.of() : List.copyOf(autoMet);
  }

  public RequirementDef(
      String key,
      String title,
      String description,
      List<String> signers,
      Set<ReleaseType> appliesTo,
      List<String> metBy,
      Check check) {
    this(key, title, description, signers, appliesTo, metBy, check, List.of());
  }

  /** Whether an actor that is not a person may meet it through an event of this kind. */
  public boolean autoMetBy(String eventKind) {
    return eventKind != null && autoMet.contains(eventKind);
  }

  public String owner() {
    return signers.get(0);
  }

  public boolean needsSeveralSignatures() {
    return signers.size() > 1;
  }

  public boolean appliesTo(ReleaseType type) {
    return appliesTo.contains(type);
  }
}
