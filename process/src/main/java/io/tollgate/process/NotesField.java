package io.tollgate.process;

import java.util.Set;

/**
 * A field of the release notes, edited only by its owner role.
 *
 * @param list the field holds a list of entries (e.g. notable changes) rather than one text
 * @param requiredFor release types whose notes are incomplete without this field
 * @param atDecision the go/no-go decision rests on this field too (the built-in process: known
 *     issues), so it is shown beside the requirements and smoke tests where the decision is made
 * @param customerFacing the field is written for customers (the built-in process: support's summary
 *     and changes): the customer version of the notes, which goes to the product's customer list on
 *     announce, holds these fields only
 */
public record NotesField(
    String key,
    String label,
    String owner,
    boolean list,
    Set<ReleaseType> requiredFor,
    boolean atDecision,
    boolean customerFacing) {
  public NotesField {
    requiredFor = Set.copyOf(requiredFor);
  }

  /** A field as processes stored before {@code customerFacing} existed declare it. */
  public NotesField(
      String key,
      String label,
      String owner,
      boolean list,
      Set<ReleaseType> requiredFor,
      boolean atDecision) {
    this(key, label, owner, list, requiredFor, atDecision, false);
  }

  public boolean requiredFor(ReleaseType type) {
    return requiredFor.contains(type);
  }
}
