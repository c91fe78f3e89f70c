package io.tollgate.integration.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.integration.GithubDelivery;
import io.tollgate.integration.GithubIntegration;
import io.tollgate.integration.GithubIntegrations;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A product's GitHub integration and the deliveries it received. */
@RestController
@RequestMapping("/api/v1")
class GithubIntegrationApi {
  private final GithubIntegrations integrations;

  GithubIntegrationApi(GithubIntegrations integrations) {
    this.integrations = integrations;
  }

  /**
   * {@code secret}: the webhook's secret, write-only; may be left out to keep the stored one.
   * {@code protectionToken}: the token Tollgate answers deployment protection rules with,
   * write-only (left out: kept; empty: removed); {@code apiUrl}: the API they are answered through
   * (GitHub Enterprise Server; left out: kept; empty: GitHub's).
   */
  record Body(String repository, String secret, String apiUrl, String protectionToken) {}

  @Operation(
      operationId = "setGithubIntegration",
      summary = "Connect a product to a GitHub repository's webhook (admin, or devops)")
  @ProblemStatuses({403, 404, 422})
  @PutMapping(
      path = "/products/{key}/integrations/github",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  GithubIntegration set(
      @AuthenticationPrincipal Actor actor, @PathVariable String key, @RequestBody Body body) {
    return integrations.set(
        actor,
        key,
        new GithubIntegrations.Change(
            body.repository(), body.secret(), body.apiUrl(), body.protectionToken()));
  }

  @Operation(
      operationId = "getGithubIntegration",
      summary = "Read a product's GitHub integration; the secret is never shown (members)")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/integrations/github")
  GithubIntegration get(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return integrations.get(actor, key);
  }

  @Operation(
      operationId = "deleteGithubIntegration",
      summary = "Disconnect a product from GitHub: deliveries are refused from then on")
  @ProblemStatuses({403, 404})
  @org.springframework.web.bind.annotation.ResponseStatus(
      org.springframework.http.HttpStatus.NO_CONTENT)
  @DeleteMapping("/products/{key}/integrations/github")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    integrations.remove(actor, key);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "listGithubDeliveries",
      summary = "The latest GitHub deliveries of a product: what arrived and what it did (members)")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/integrations/github/deliveries")
  List<GithubDelivery> deliveries(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @RequestParam(defaultValue = "50") int limit) {
    return integrations.deliveries(actor, key, limit);
  }
}
