package io.tollgate.release;

import java.util.Set;
import java.util.TreeSet;

/** A person acting on a release, with the roles they hold on its product. */
public record Participant(String username, Set<String> roles) {
  public Participant {
    roles = Set.copyOf(roles);
  }

  public boolean holds(String role) {
    return roles.contains(role);
  }

  public Set<String> sortedRoles() {
    return new TreeSet<>(roles);
  }
}
