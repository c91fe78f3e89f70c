package io.tollgate.release;

/** What shows a requirement is met or a step is done: a link, a note, or both. */
public record Evidence(String url, String note) {
  public static final Evidence NONE = new Evidence(null, null);

  public boolean isEmpty() {
    return (url == null || url.isBlank()) && (note == null || note.isBlank());
  }
}
