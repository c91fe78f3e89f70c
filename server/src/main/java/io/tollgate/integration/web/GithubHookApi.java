package io.tollgate.integration.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.tollgate.integration.GithubHooks;
import io.tollgate.shared.web.ProblemStatuses;
import io.tollgate.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitHub's webhook requests for a product: authenticated by their {@code X-Hub-Signature-256} with
 * the product's secret, not by a token. Nothing of the body is read before the signature verifies.
 */
@RestController
class GithubHookApi {
  private final GithubHooks hooks;

  GithubHookApi(GithubHooks hooks) {
    this.hooks = hooks;
  }

  @Operation(
      operationId = "receiveGithubWebhook",
      summary =
          "GitHub's webhook delivery for a product, signed with its secret (X-Hub-Signature-256);"
              + " 202 with what it did, 200 for a repeated delivery or a ping")
  @SecurityRequirements
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "202",
      description =
          "Accepted: what the delivery did, or why it was ignored (200 with the same body for a"
              + " delivery received before, which applies nothing, and for a ping)",
      content =
          @io.swagger.v3.oas.annotations.media.Content(
              mediaType = "application/json",
              schema =
                  @io.swagger.v3.oas.annotations.media.Schema(
                      implementation = GithubHooks.Answer.class)))
  @org.springframework.web.bind.annotation.ResponseStatus(
      org.springframework.http.HttpStatus.ACCEPTED)
  @ProblemStatuses({400, 401, 409, 413, 415}) // 401: a missing or wrong signature
  @PostMapping(path = "/api/v1/hooks/github/{product}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> receive(
      @PathVariable String product,
      @Parameter(description = "the event: push, workflow_run, check_suite, ...")
          @RequestHeader(name = "X-GitHub-Event", required = false)
          String event,
      @RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery,
      @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
      @RequestBody(required = false) byte[] body,
      HttpServletRequest request) {
    byte[] bytes = body == null ? new byte[0] : body;
    if (!hooks.verifies(product, signature, bytes)) {
      ProblemDetail problem =
          Problems.of(
              401,
              "Unauthenticated",
              "The X-Hub-Signature-256 is missing or does not match the body with the product's"
                  + " webhook secret (or the product has no GitHub integration); nothing was"
                  + " applied.");
      problem.setInstance(URI.create(request.getRequestURI()));
      return ResponseEntity.status(401)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    GithubHooks.Answer answer = hooks.receive(product, event, delivery, bytes);
    return ResponseEntity.status(answer.status()).body(answer);
  }
}
