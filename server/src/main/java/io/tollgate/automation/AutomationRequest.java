package io.tollgate.automation;

import java.util.List;

/** The body of {@code PUT …/environments/{env}/automation}, as sent (validated by the service). */
public record AutomationRequest(
    ExecutorRequest executor,
    VerificationRequest verification,
    Boolean autoVerify,
    Boolean autoRollback) {

  public record ExecutorRequest(
      String kind, String url, String secret, List<String> command, Integer timeoutSeconds) {}

  public record VerificationRequest(
      List<CheckRequest> checks, Integer soakSeconds, Integer intervalSeconds) {}

  public record CheckRequest(
      String kind,
      String url,
      Integer expectStatus,
      String bodyContains,
      String query,
      String op,
      Double threshold) {}
}
