package io.tollgate.integration;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.integration.internal.IntegrationStore;
import io.tollgate.integration.internal.ProtectionStore;
import io.tollgate.release.IntegrationCommands;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseEvent;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tollgate as a GitHub custom deployment protection rule. A {@code deployment_protection_rule}
 * request is decided in the delivery's transaction ({@link ProtectionVerdicts}) and recorded; after
 * the commit {@link ProtectionCallbacks} tells GitHub through the request's callback URL. A run
 * that waits for its go is decided again whenever a release of the product changes, so a later go
 * approves it (and a no-go or a cancel rejects it).
 */
@Component
class ProtectionRules {
  private static final int RECONSIDER_BATCH = 200;

  private final IntegrationCommands releases;
  private final ProtectionStore store;
  private final ProtectionCallbacks callbacks;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final Clock clock;

  ProtectionRules(
      IntegrationCommands releases,
      ProtectionStore store,
      ProtectionCallbacks callbacks,
      PlatformTransactionManager transactions,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.releases = releases;
    this.store = store;
    this.callbacks = callbacks;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** Decides a request and records it, in the delivery's transaction; GitHub is told after it. */
  GithubEffects.Result requested(
      String product,
      IntegrationStore.Stored integration,
      String delivery,
      GithubEvent.ProtectionRuleRequested request) {
    if (request.sha() == null) return GithubEffects.Result.ignored("The request names no commit.");
    if (request.environment() == null) {
      return GithubEffects.Result.ignored("The request names no environment.");
    }
    if (integration.sealedToken() == null) {
      return GithubEffects.Result.ignored(
          "Tollgate has no token to answer GitHub with: set protectionToken on the GitHub"
              + " integration of "
              + product
              + " (PUT /api/v1/products/"
              + product
              + "/integrations/github).");
    }
    String problem =
        callbackProblem(apiBase(integration), integration.repository(), request.callbackUrl());
    if (problem != null) return GithubEffects.Result.ignored(problem);
    ProtectionVerdicts.Verdict verdict = verdict(product, request.environment(), request.sha());
    store.insert(
        product,
        delivery,
        request.environment(),
        request.sha(),
        request.callbackUrl(),
        verdict.release(),
        verdict.kind().id(),
        verdict.comment(),
        Timestamps.now(clock));
    audit(product, request.environment(), request.sha(), verdict);
    callbacks.wakeAfterCommit();
    String said =
        switch (verdict.kind()) {
          case APPROVED -> "approved the deployment to " + request.environment();
          case WAITING -> "the deployment to " + request.environment() + " waits";
          case REJECTED -> "rejected the deployment to " + request.environment();
        };
    return new GithubEffects.Result("applied", said + ": " + verdict.comment());
  }

  /** A release changed: the runs waiting for a go are decided again after the commit. */
  @EventListener
  void releaseChanged(ReleaseEvent event) {
    callbacks.wakeIfWaiting();
  }

  /** Decides every waiting run again; each that is no longer waiting is due to be told. */
  void reconsider() {
    List<ProtectionStore.Run> waiting = store.waiting(RECONSIDER_BATCH);
    for (ProtectionStore.Run run : waiting) {
      tx.executeWithoutResult(
          status -> {
            ProtectionVerdicts.Verdict v = verdict(run.product(), run.environment(), run.sha());
            if (v.kind() != ProtectionVerdicts.Kind.WAITING
                && store.decide(
                    run.id(), v.kind().id(), v.release(), v.comment(), Timestamps.now(clock))) {
              audit(run.product(), run.environment(), run.sha(), v);
            }
          });
    }
  }

  /**
   * One audit event per verdict: approved, waiting (for its go), rejected; in the release's
   * history.
   */
  private void audit(
      String product, String environment, String sha, ProtectionVerdicts.Verdict verdict) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("environment", environment);
    facts.put("sha", sha);
    facts.put("verdict", verdict.kind().id());
    facts.put("comment", verdict.comment());
    audit.append(
        AuditRecord.of(
            "protection-rule.decided",
            GithubHooks.GITHUB,
            product,
            verdict.release() == null ? "product/" + product : "release/" + verdict.release(),
            verdict.release(),
            facts));
  }

  private ProtectionVerdicts.Verdict verdict(String product, String environment, String sha) {
    List<Release> matching =
        releases.underWay(product, r -> r.source() != null && r.source().isCommit(sha));
    return ProtectionVerdicts.of(
        product,
        environment,
        sha,
        matching,
        (release, step) -> releases.mayDeploy(GithubHooks.GITHUB, release, step));
  }

  static String apiBase(IntegrationStore.Stored integration) {
    return integration.apiUrl() == null ? GithubIntegrations.GITHUB_API : integration.apiUrl();
  }

  /**
   * Why the callback URL is not called (null when it is): it must be the protection-rule address of
   * a run of the integration's repository in the integration's API, so that the token never goes
   * anywhere else.
   */
  static String callbackProblem(String apiBase, String repository, String callbackUrl) {
    if (callbackUrl == null || callbackUrl.isBlank()) {
      return "The request has no deployment_callback_url.";
    }
    Pattern expected =
        Pattern.compile(
            Pattern.quote(apiBase)
                + "/repos/"
                + Pattern.quote(repository)
                + "/actions/runs/[0-9]{1,20}/deployment_protection_rule",
            Pattern.CASE_INSENSITIVE);
    if (!expected.matcher(callbackUrl).matches()) {
      return "The deployment_callback_url "
          + callbackUrl
          + " is not a protection rule of "
          + repository
          + " at "
          + apiBase
          + "; Tollgate does not send its token there.";
    }
    return null;
  }
}
