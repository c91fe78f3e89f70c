package io.tollgate.process;

import java.util.Set;

/**
 * A field of the release notes, edited only by its owner role.
 *
 * @param list the field holds a list of entries (e.g. notable changes) rather than one text
 * @param requiredFor release types whose notes are incomplete without this field
 */
public record NotesField(
    String key, String label, String owner, boolean list, Set<ReleaseType> requiredFor) {
  public NotesField {
    requiredFor = Set.copyOf(requiredFor);
  }

  public boolean requiredFor(ReleaseType type) {
    return requiredFor.contains(type);
  }
}
