package io.tollgate.release;

import io.tollgate.shared.Actor;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone acting on a release: a person with the roles they hold on its product, or a non-person
 * actor ({@code system}, an integration) that holds no role and acts only through what the process
 * grants it (see {@link Grants}).
 */
public record Participant(String username, Set<String> roles, Actor.Kind kind) {
  public Participant {
    roles = Set.copyOf(roles);
    if (kind == null) kind = Actor.Kind.PERSON;
    if (kind != Actor.Kind.PERSON && !roles.isEmpty()) {
      throw new IllegalArgumentException("only people hold process roles");
    }
  }

  /** A person holding these roles. */
  public Participant(String username, Set<String> roles) {
    this(username, roles, Actor.Kind.PERSON);
  }

  /** A non-person actor: it holds no role. */
  public static Participant of(Actor actor, Set<String> roles) {
    return new Participant(actor.username(), actor.isPerson() ? roles : Set.of(), actor.kind());
  }

  public boolean holds(String role) {
    return roles.contains(role);
  }

  public boolean isPerson() {
    return kind == Actor.Kind.PERSON;
  }

  public Actor actor() {
    return new Actor(username, false, kind);
  }

  public Set<String> sortedRoles() {
    return new TreeSet<>(roles);
  }
}
