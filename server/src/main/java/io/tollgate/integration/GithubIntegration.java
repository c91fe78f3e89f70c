package io.tollgate.integration;

import java.time.Instant;

/**
 * A product's GitHub integration as answered: the secret is never shown, only that it is set.
 *
 * @param secret always {@code "…set"}
 * @param apiUrl the API deployment protection rules are answered through
 * @param protectionToken {@code "…set"} when a token to answer them with is set, else null
 */
public record GithubIntegration(
    String product,
    String repository,
    String secret,
    String webhookPath,
    String updatedBy,
    Instant updatedAt,
    String apiUrl,
    String protectionToken) {}
