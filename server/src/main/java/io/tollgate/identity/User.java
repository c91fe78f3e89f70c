package io.tollgate.identity;

import java.time.Instant;

/**
 * A person (or pipeline) who can sign in. A disabled user's tokens and sessions stop working at
 * once; {@code disabled} is answered by the API so an admin sees it.
 */
public record User(
    String username,
    String displayName,
    String email,
    boolean admin,
    Instant createdAt,
    boolean disabled) {

  /** An enabled user. */
  public User(String username, String displayName, String email, boolean admin, Instant createdAt) {
    this(username, displayName, email, admin, createdAt, false);
  }
}
