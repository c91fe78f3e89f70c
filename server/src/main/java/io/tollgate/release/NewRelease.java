package io.tollgate.release;

import java.util.List;
import java.util.Map;

/**
 * What a release manager asks for when planning a release.
 *
 * @param commit the commit it is built from, or null
 * @param ref the ref (branch) it follows, or null
 */
public record NewRelease(
    String type,
    String version,
    String name,
    String summary,
    Window window,
    Map<String, List<String>> notes,
    String commit,
    String ref) {

  /** A release that names no source yet. */
  public NewRelease(
      String type,
      String version,
      String name,
      String summary,
      Window window,
      Map<String, List<String>> notes) {
    this(type, version, name, summary, window, notes, null, null);
  }
}
