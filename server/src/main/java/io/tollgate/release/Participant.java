package io.tollgate.release;

import io.tollgate.shared.Actor;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone acting on a release: a person with the roles they hold on its product, or an actor that
 * is not a person ({@code system}, an integration) that holds no role and acts only through what
 * the process grants it (see {@link Grants}).
 *
 * @param automatedEnvironments for an actor that is not a person: the environments whose automation
 *     it runs (it may start and complete their deploy and verification steps); empty for people
 */
public record Participant(
    String username, Set<String> roles, Actor.Kind kind, Set<String> automatedEnvironments) {
  public Participant {
    roles = Set.copyOf(roles);
    if (kind == null) kind = Actor.Kind.PERSON;
    automatedEnvironments =
        automatedEnvironments == null ? Set.of() : Set.copyOf(automatedEnvironments);
    if (kind != Actor.Kind.PERSON && !roles.isEmpty()) {
      throw new IllegalArgumentException("only people hold process roles");
    }
    if (kind == Actor.Kind.PERSON && !automatedEnvironments.isEmpty()) {
      throw new IllegalArgumentException("people act through their roles, not automation");
    }
  }

  /** A person holding these roles. */
  public Participant(String username, Set<String> roles) {
    this(username, roles, Actor.Kind.PERSON, Set.of());
  }

  /** A person with their roles, or a non-person actor with the environments it automates. */
  public static Participant of(Actor actor, Set<String> roles, Set<String> automatedEnvironments) {
    return actor.isPerson()
        ? new Participant(actor.username(), roles)
        : new Participant(actor.username(), Set.of(), actor.kind(), automatedEnvironments);
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
