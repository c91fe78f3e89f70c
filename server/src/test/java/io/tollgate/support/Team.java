package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A product and one person per role, each with their own token: the cast of a release. */
public final class Team {
  public final String product;
  public final Api rm;
  public final Api qa;
  public final Api devops;
  public final Api developer;
  public final Api support;
  public final Map<String, String> usernames = new LinkedHashMap<>();
  private final Api admin;

  private Team(Api admin, String product, Map<String, Api> people) {
    this.admin = admin;
    this.product = product;
    this.rm = people.get("release-manager");
    this.qa = people.get("qa-lead");
    this.devops = people.get("devops");
    this.developer = people.get("developer");
    this.support = people.get("support");
  }

  public static Team create(Api admin) {
    return create(admin, null);
  }

  /** A team on a product that follows the given process ({@code null}: the default). */
  public static Team create(Api admin, String process) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String product = "p-" + suffix;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", product);
    body.put("name", "Product " + suffix);
    if (process != null) body.put("process", process);
    Api.Response created = admin.post("/api/v1/products", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Map<String, Api> people = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (String role : List.of("release-manager", "qa-lead", "devops", "developer", "support")) {
      String username = role.replace("-", "") + "-" + suffix;
      people.put(role, person(admin, product, username, List.of(role)));
      names.put(role, username);
    }
    Team team = new Team(admin, product, people);
    team.usernames.putAll(names);
    return team;
  }

  /**
   * A client with a new token of the person holding {@code role}, limited by {@code scope} ({@code
   * products}, {@code readOnly}, {@code actions}, as the API takes it).
   */
  public Api scoped(String role, Map<String, Object> scope) {
    Api.Response token =
        admin.post(
            "/api/v1/users/" + usernames.get(role) + "/tokens",
            Map.of("name", "scoped", "scope", scope));
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    return admin.as(token.text("token"));
  }

  /** Creates a user with the given roles on this product and returns a client with their token. */
  public Api person(String username, List<String> roles) {
    return person(admin, product, username, roles);
  }

  private static Api person(Api admin, String product, String username, List<String> roles) {
    Api.Response user =
        admin.post(
            "/api/v1/users",
            Map.of(
                "username",
                username,
                "displayName",
                "Person " + username,
                "email",
                username + "@example.com"));
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    if (!roles.isEmpty()) {
      Api.Response member =
          admin.put("/api/v1/products/" + product + "/members/" + username, Map.of("roles", roles));
      assertThat(member.status()).as(member.toString()).isEqualTo(200);
    }
    Api.Response token =
        admin.post("/api/v1/users/" + username + "/tokens", Map.of("name", "test"));
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    return admin.as(token.text("token"));
  }
}
