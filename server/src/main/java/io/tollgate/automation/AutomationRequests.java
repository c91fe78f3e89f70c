package io.tollgate.automation;

import io.tollgate.automation.AutomationConfig.Check;
import io.tollgate.automation.AutomationConfig.Command;
import io.tollgate.automation.AutomationConfig.HttpCheck;
import io.tollgate.automation.AutomationConfig.PrometheusCheck;
import io.tollgate.automation.AutomationConfig.Verification;
import io.tollgate.automation.AutomationConfig.Webhook;
import io.tollgate.automation.AutomationRequest.CheckRequest;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Turns a request into a configuration, refusing what is missing (400) or invalid (422, naming the
 * field). The webhook secret is sealed by {@code seal}; without one, the stored one is kept.
 */
public final class AutomationRequests {
  public static final int MAX_TIMEOUT_SECONDS = 86_400;
  public static final int MAX_ARGS = 64;
  public static final int MAX_CHECKS = 20;
  static final Set<String> OPS = Set.of("<", "<=", ">", ">=");

  private AutomationRequests() {}

  /**
   * @param urlCheck refuses an outbound URL, naming the field ({@code OutboundUrls.check})
   * @param seal seals a new secret
   * @param storedSealedSecret the sealed secret of the stored webhook executor, or null
   */
  public static AutomationConfig toConfig(
      AutomationRequest request,
      BiConsumer<String, String> urlCheck,
      UnaryOperator<String> seal,
      String storedSealedSecret,
      String newSecret) {
    if (request == null || request.executor() == null) throw BadRequest.missing("executor");
    AutomationRequest.ExecutorRequest e = request.executor();
    if (e.kind() == null) throw BadRequest.missing("executor.kind");
    AutomationConfig.Executor executor =
        switch (e.kind()) {
          case "webhook" -> {
            urlCheck.accept(e.url(), "executor.url");
            String sealed;
            if (e.secret() != null) {
              try {
                io.tollgate.shared.outbound.StandardWebhooks.ofSecret(e.secret());
              } catch (IllegalArgumentException bad) {
                throw Invalid.field(
                    "executor.secret",
                    "executor.secret: "
                        + bad.getMessage()
                        + " (use whsec_ and base64, or leave it out to have one made)");
              }
              sealed = seal.apply(e.secret());
            } else {
              sealed = storedSealedSecret != null ? storedSealedSecret : seal.apply(newSecret);
            }
            yield new Webhook(
                e.url().trim(),
                sealed,
                timeout(e.timeoutSeconds(), Webhook.DEFAULT_TIMEOUT_SECONDS, "executor"));
          }
          case "command" -> {
            List<String> argv = e.command();
            if (argv == null || argv.isEmpty()) throw BadRequest.missing("executor.command");
            if (argv.size() > MAX_ARGS) {
              throw Invalid.field("executor.command", "executor.command: at most 64 arguments");
            }
            for (String a : argv) {
              if (a == null) throw Invalid.field("executor.command", "executor.command: null");
            }
            if (argv.get(0).isBlank()) {
              throw Invalid.field("executor.command", "executor.command: the program is blank");
            }
            yield new Command(
                argv, timeout(e.timeoutSeconds(), Command.DEFAULT_TIMEOUT_SECONDS, "executor"));
          }
          default ->
              throw Invalid.field(
                  "executor.kind",
                  "Unknown executor kind '" + e.kind() + "': use webhook or command.");
        };
    return new AutomationConfig(
        executor,
        verification(request.verification(), urlCheck),
        request.autoVerify() == null || request.autoVerify(),
        request.autoRollback() != null && request.autoRollback());
  }

  private static Verification verification(
      AutomationRequest.VerificationRequest v, BiConsumer<String, String> urlCheck) {
    if (v == null) return null;
    List<CheckRequest> requested = v.checks() == null ? List.of() : v.checks();
    if (requested.size() > MAX_CHECKS) {
      throw Invalid.field("verification.checks", "verification.checks: at most 20 checks");
    }
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String f = "verification.checks[" + i + "]";
      CheckRequest c = requested.get(i);
      if (c == null || c.kind() == null) throw BadRequest.missing(f + ".kind");
      urlCheck.accept(c.url(), f + ".url");
      switch (c.kind()) {
        case "http" -> {
          int expect = c.expectStatus() == null ? 200 : c.expectStatus();
          if (expect < 100 || expect > 599) {
            throw Invalid.field(f + ".expectStatus", f + ".expectStatus: an HTTP status");
          }
          checks.add(new HttpCheck(c.url().trim(), expect, c.bodyContains()));
        }
        case "prometheus" -> {
          if (c.query() == null || c.query().isBlank()) throw BadRequest.missing(f + ".query");
          if (c.op() == null || !OPS.contains(c.op())) {
            throw Invalid.field(f + ".op", f + ".op: one of <, <=, >, >=");
          }
          if (c.threshold() == null) throw BadRequest.missing(f + ".threshold");
          checks.add(new PrometheusCheck(c.url().trim(), c.query(), c.op(), c.threshold()));
        }
        default ->
            throw Invalid.field(
                f + ".kind", "Unknown check kind '" + c.kind() + "': use http or prometheus.");
      }
    }
    int soak = v.soakSeconds() == null ? 0 : v.soakSeconds();
    int interval =
        v.intervalSeconds() == null ? Verification.DEFAULT_INTERVAL_SECONDS : v.intervalSeconds();
    if (soak < 0 || soak > MAX_TIMEOUT_SECONDS) {
      throw Invalid.field("verification.soakSeconds", "verification.soakSeconds: 0 to 86400");
    }
    if (interval < 1 || interval > 3600) {
      throw Invalid.field(
          "verification.intervalSeconds", "verification.intervalSeconds: 1 to 3600");
    }
    return new Verification(checks, soak, interval);
  }

  private static int timeout(Integer given, int otherwise, String prefix) {
    if (given == null) return otherwise;
    if (given < 1 || given > MAX_TIMEOUT_SECONDS) {
      throw Invalid.field(
          prefix + ".timeoutSeconds", prefix + ".timeoutSeconds: 1 to " + MAX_TIMEOUT_SECONDS);
    }
    return given;
  }
}
