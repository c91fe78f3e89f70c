package io.tollgate.release;

import java.util.UUID;

/** The identity of a release. */
public record ReleaseId(String value) {
  public static ReleaseId random() {
    return new ReleaseId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
