package io.tollgate.automation;

import java.util.List;

/**
 * How one environment of a product is deployed and verified by itself.
 *
 * @param autoVerify start the environment's verification step when an automated deploy succeeds
 * @param autoRollback on a failed deploy or verification, deploy the last known-good release
 */
public record AutomationConfig(
    Executor executor, Verification verification, boolean autoVerify, boolean autoRollback) {

  /** Who deploys: a pipeline called by webhook, or a command on the node. */
  public sealed interface Executor permits Webhook, Command {
    String kind();
  }

  /**
   * A Standard Webhooks–signed POST; {@code sealedSecret} is the secret as {@code SecretBox} sealed
   * it (never shown), {@code timeoutSeconds} how long Tollgate waits for the final callback.
   */
  public record Webhook(String url, String sealedSecret, int timeoutSeconds) implements Executor {
    public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

    public String kind() {
      return "webhook";
    }
  }

  /** A command run without a shell; killed past {@code timeoutSeconds}. */
  public record Command(List<String> command, int timeoutSeconds) implements Executor {
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    public Command {
      command = List.copyOf(command);
    }

    public String kind() {
      return "command";
    }
  }

  /** Checks repeated every {@code intervalSeconds} until {@code soakSeconds} have passed. */
  public record Verification(List<Check> checks, int soakSeconds, int intervalSeconds) {
    public static final int DEFAULT_INTERVAL_SECONDS = 10;

    public Verification {
      checks = List.copyOf(checks);
    }
  }

  /** One health check. */
  public sealed interface Check permits HttpCheck, PrometheusCheck {
    String kind();

    /** What is checked, as a person reads it (a URL, a query). */
    String target();
  }

  public record HttpCheck(String url, int expectStatus, String bodyContains) implements Check {
    public String kind() {
      return "http";
    }

    public String target() {
      return url;
    }
  }

  public record PrometheusCheck(String url, String query, String op, double threshold)
      implements Check {
    public String kind() {
      return "prometheus";
    }

    public String target() {
      return query + " " + op + " " + threshold;
    }
  }

  public boolean hasChecks() {
    return verification != null && !verification.checks().isEmpty();
  }
}
