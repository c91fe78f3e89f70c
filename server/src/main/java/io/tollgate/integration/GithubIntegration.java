package io.tollgate.integration;

import java.time.Instant;

/**
 * A product's GitHub integration as answered: the secret is never shown, only that it is set.
 *
 * @param secret always {@code "…set"}
 */
public record GithubIntegration(
    String product,
    String repository,
    String secret,
    String webhookPath,
    String updatedBy,
    Instant updatedAt) {}
