package io.tollgate.process;

import java.util.Set;

/**
 * A field of the release notes, edited only by its owner role.
 *
 * @param list the field holds a list of entries (e.g. notable changes) rather than one text
 * @param requiredFor release types whose notes are incomplete without this field
 * @param atDecision the go/no-go decision rests on this field too (the built-in process: known
 *     issues), so it is shown beside the requirements and smoke tests where the decision is made
 */
public record NotesField(
    String key,
    String label,
    String owner,
    boolean list,
    Set<ReleaseType> requiredFor,
    boolean atDecision) {
  public NotesField {
    requiredFor = Set.copyOf(requiredFor);
  }

  public boolean requiredFor(ReleaseType type) {
    return requiredFor.contains(type);
  }
}
