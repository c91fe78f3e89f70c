package io.tollgate.notes;

/** What the template can say about the release besides the notes fields. */
public record NotesContext(
    String product, String name, String version, String type, String date, String releaseManager) {}
