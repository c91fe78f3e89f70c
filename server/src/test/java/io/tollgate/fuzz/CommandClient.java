package io.tollgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.Team;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends a command as raw bytes with any content type and {@code If-Match}, as the fuzz target and
 * the cases it found need; a request that gets no answer within {@link #PER_REQUEST} fails.
 */
final class CommandClient {
  // A hang, not a speed limit (a busy CI machine must not fail a request that does answer).
  static final Duration PER_REQUEST = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(PER_REQUEST).build();

  private final int port;

  CommandClient(int port) {
    this.port = port;
  }

  HttpResponse<String> send(
      String method, String path, String token, String contentType, String ifMatch, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(PER_REQUEST)
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null && !contentType.isEmpty()) builder.header("Content-Type", contentType);
    if (ifMatch != null) builder.header("If-Match", ifMatch);
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer within " + PER_REQUEST + " to " + path, e);
    } catch (java.io.IOException e) {
      throw new AssertionError("the connection failed for " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A new member of the team's product with one role; returns their token. */
  String member(Api admin, Team team, String role) {
    String username = "fz-" + role.replace("-", "") + "-" + team.product.substring(2);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    Map.of(
                        "username",
                        username,
                        "displayName",
                        "Fuzz " + role,
                        "email",
                        username + "@example.com"))
                .status())
        .isEqualTo(201);
    assertThat(
            admin
                .put(
                    "/api/v1/products/" + team.product + "/members/" + username,
                    Map.of("roles", List.of(role)))
                .status())
        .isEqualTo(200);
    return admin
        .post("/api/v1/users/" + username + "/tokens", Map.of("name", "fuzz"))
        .text("token");
  }
}
