package io.tollgate.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A product of its own on the test server, with one person per role of the built-in process and a
 * token each.
 */
final class Team {
  private static final AtomicInteger COUNT = new AtomicInteger();
  final String product;
  final String rm;
  final String qa;
  final String devops;
  final String developer;
  final String support;

  private Team(String product, Map<String, String> tokens) {
    this.product = product;
    this.rm = tokens.get("release-manager");
    this.qa = tokens.get("qa-lead");
    this.devops = tokens.get("devops");
    this.developer = tokens.get("developer");
    this.support = tokens.get("support");
  }

  static Team create(TestServer server) {
    String product =
        "cli" + COUNT.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    server.admin("POST", "/api/v1/products", Map.of("key", product, "name", "CLI test " + product));
    Map<String, String> tokens = new java.util.HashMap<>();
    Map<String, String> shortNames =
        Map.of(
            "release-manager",
            "rm",
            "qa-lead",
            "qa",
            "devops",
            "ops",
            "developer",
            "dev",
            "support",
            "sup");
    for (String role : List.of("release-manager", "qa-lead", "devops", "developer", "support")) {
      String username = product + "-" + shortNames.get(role);
      server.admin(
          "POST",
          "/api/v1/users",
          Map.of(
              "username",
              username,
              "displayName",
              role + " of " + product,
              "email",
              username + "@example.com"));
      server.admin(
          "PUT",
          "/api/v1/products/" + product + "/members/" + username,
          Map.of("roles", List.of(role)));
      tokens.put(
          role,
          server
              .admin("POST", "/api/v1/users/" + username + "/tokens", Map.of("name", "cli"))
              .path("token")
              .asString());
    }
    return new Team(product, tokens);
  }
}
