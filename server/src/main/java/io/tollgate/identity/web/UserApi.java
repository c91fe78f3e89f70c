package io.tollgate.identity.web;

import io.tollgate.identity.IssuedToken;
import io.tollgate.identity.PasswordManagement;
import io.tollgate.identity.TokenInfo;
import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.shared.Actor;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users, tokens and passwords. */
@RestController
@RequestMapping("/api/v1")
class UserApi {
  private final UserManagement users;
  private final TokenManagement tokens;
  private final PasswordManagement passwords;

  UserApi(UserManagement users, TokenManagement tokens, PasswordManagement passwords) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
  }

  record NewUser(String username, String displayName, String email) {}

  record NewToken(String name) {}

  /** {@code currentPassword} is required for one's own password (when one is set). */
  record Password(String password, String currentPassword) {}

  /** The answer of the cheapest call. */
  record Ping(boolean ok, String username) {}

  @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<User> create(@AuthenticationPrincipal Actor actor, @RequestBody NewUser body) {
    User user = users.create(actor, body.username(), body.displayName(), body.email());
    return ResponseEntity.created(URI.create("/api/v1/users/" + user.username())).body(user);
  }

  @GetMapping("/users")
  List<User> all(@AuthenticationPrincipal Actor actor) {
    return users.all(actor);
  }

  @GetMapping("/users/{username}")
  User get(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return users.get(actor, username);
  }

  @PostMapping(path = "/users/{username}/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IssuedToken> issue(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String username,
      @RequestBody NewToken body) {
    IssuedToken token = tokens.issue(actor, username, body.name());
    return ResponseEntity.status(201).body(token);
  }

  @GetMapping("/users/{username}/tokens")
  List<TokenInfo> tokens(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return tokens.list(actor, username);
  }

  @DeleteMapping("/users/{username}/tokens/{id}")
  ResponseEntity<Void> revoke(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String username,
      @PathVariable String id) {
    tokens.revoke(actor, username, id);
    return ResponseEntity.noContent().build();
  }

  @PutMapping(path = "/users/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> password(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String username,
      @RequestBody Password body) {
    passwords.set(actor, username, body.password(), body.currentPassword());
    return ResponseEntity.noContent().build();
  }

  /** Disables a user (admin): their tokens answer 401 and their web sessions end at once. */
  @PostMapping("/users/{username}/disable")
  User disable(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return users.disable(actor, username);
  }

  /** Enables a disabled user again (admin). */
  @PostMapping("/users/{username}/enable")
  User enable(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return users.enable(actor, username);
  }

  /** The cheapest authenticated call: for health checks of a token, and the benchmark's ceiling. */
  @GetMapping("/ping")
  Ping ping(@AuthenticationPrincipal Actor actor) {
    return new Ping(true, actor.username());
  }
}
