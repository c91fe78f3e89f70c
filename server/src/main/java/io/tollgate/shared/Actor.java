package io.tollgate.shared;

/**
 * Who is acting: a person signed in (or with a token), the system itself (jobs, policies), or an
 * integration (a pipeline, the GitHub webhook). {@code admin} is the system administrator, who
 * manages users and products but holds no process role by being admin. Non-person actors never hold
 * process roles: they act only through what the process grants them.
 */
public record Actor(String username, boolean admin, Kind kind) implements java.io.Serializable {
  public static final Actor SYSTEM = new Actor("system", false, Kind.SYSTEM);

  /** What sort of actor this is; recorded with every audit event. */
  public enum Kind {
    PERSON,
    SYSTEM,
    INTEGRATION;

    /** The lower-case name used in stored events and the API ({@code person}, ...). */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Actor {
    if (username == null || username.isBlank()) throw new IllegalArgumentException("username");
    if (kind == null) kind = Kind.PERSON;
    if (kind != Kind.PERSON && admin) throw new IllegalArgumentException("only people are admins");
  }

  /** A person. */
  public Actor(String username, boolean admin) {
    this(username, admin, Kind.PERSON);
  }

  /** An integration acting under its own name, e.g. {@code github}. */
  public static Actor integration(String name) {
    return new Actor(name, false, Kind.INTEGRATION);
  }

  public boolean isPerson() {
    return kind == Kind.PERSON;
  }
}
