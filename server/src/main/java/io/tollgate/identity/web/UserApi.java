package io.tollgate.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.identity.IssuedToken;
import io.tollgate.identity.PasswordManagement;
import io.tollgate.identity.TokenInfo;
import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.TokenScope;
import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
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

  /** A new token: {@code expiresAt} (null: never) and {@code scope} (null: none) are optional. */
  record NewToken(String name, java.time.Instant expiresAt, ScopeBody scope) {}

  /** A token's scope as asked for; each part left out restricts nothing. */
  record ScopeBody(List<String> products, Boolean readOnly, List<String> actions) {
    TokenScope toScope() {
      return new TokenScope(products, Boolean.TRUE.equals(readOnly), actions);
    }
  }

  /** {@code currentPassword} is required for one's own password (when one is set). */
  record Password(String password, String currentPassword) {}

  /** The answer of the cheapest call. */
  record Ping(boolean ok, String username) {}

  @Operation(operationId = "createUser", summary = "Create a user (admin)")
  @ProblemStatuses({403, 409, 422})
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<User> create(@AuthenticationPrincipal Actor actor, @RequestBody NewUser body) {
    User user = users.create(actor, body.username(), body.displayName(), body.email());
    return ResponseEntity.created(URI.create("/api/v1/users/" + user.username())).body(user);
  }

  @Operation(operationId = "listUsers", summary = "List all users (admin)")
  @ProblemStatuses(403)
  @GetMapping("/users")
  List<User> all(@AuthenticationPrincipal Actor actor) {
    return users.all(actor);
  }

  @Operation(operationId = "getUser", summary = "Read a user's account (admin, or the user)")
  @ProblemStatuses({403, 404})
  @GetMapping("/users/{username}")
  User get(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return users.get(actor, username);
  }

  @Operation(
      operationId = "issueToken",
      summary =
          "Issue an API token for a user, shown once, optionally expiring and with a scope"
              + " (admin, or the user)")
  @ProblemStatuses({403, 404, 422})
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping(path = "/users/{username}/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IssuedToken> issue(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String username,
      @RequestBody NewToken body) {
    IssuedToken token =
        tokens.issue(
            actor,
            username,
            body.name(),
            body.expiresAt(),
            body.scope() == null ? null : body.scope().toScope());
    return ResponseEntity.status(201).body(token);
  }

  @Operation(operationId = "listTokens", summary = "List a user's tokens (admin, or the user)")
  @ProblemStatuses({403, 404})
  @GetMapping("/users/{username}/tokens")
  List<TokenInfo> tokens(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return tokens.list(actor, username);
  }

  @Operation(operationId = "revokeToken", summary = "Revoke a user's token (admin, or the user)")
  @ProblemStatuses({403, 404})
  @ResponseStatus(HttpStatus.NO_CONTENT) // what the OpenAPI document says it answers
  @DeleteMapping("/users/{username}/tokens/{id}")
  ResponseEntity<Void> revoke(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String username,
      @PathVariable String id) {
    tokens.revoke(actor, username, id);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "setPassword",
      summary = "Set a user's web sign-in password (admin, or the user for their own)")
  @ProblemStatuses({403, 404, 422})
  @ResponseStatus(HttpStatus.NO_CONTENT) // what the OpenAPI document says it answers
  @PutMapping(path = "/users/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> password(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String username,
      @RequestBody Password body) {
    passwords.set(actor, username, body.password(), body.currentPassword());
    return ResponseEntity.noContent().build();
  }

  /** Disables a user (admin): their tokens answer 401 and their web sessions end at once. */
  @Operation(
      operationId = "disableUser",
      summary = "Disable a user: their tokens and web sessions stop at once (admin)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/users/{username}/disable")
  User disable(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return users.disable(actor, username);
  }

  /** Enables a disabled user again (admin). */
  @Operation(operationId = "enableUser", summary = "Enable a disabled user again (admin)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/users/{username}/enable")
  User enable(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
    return users.enable(actor, username);
  }

  /** The cheapest authenticated call: for health checks of a token, and the benchmark's ceiling. */
  @Operation(operationId = "ping", summary = "Check a token: the cheapest authenticated call")
  @GetMapping("/ping")
  Ping ping(@AuthenticationPrincipal Actor actor) {
    return new Ping(true, actor.username());
  }
}
