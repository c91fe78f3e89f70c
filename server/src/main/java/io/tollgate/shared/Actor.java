package io.tollgate.shared;

/**
 * The authenticated caller. {@code admin} is the system administrator, who manages users and
 * products but holds no process role by being admin.
 */
public record Actor(String username, boolean admin) implements java.io.Serializable {
  public static final Actor SYSTEM = new Actor("system", false);
}
