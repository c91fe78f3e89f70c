package io.tollgate.integration;

import io.tollgate.integration.internal.IntegrationStore;
import io.tollgate.integration.internal.ProtectionStore;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.outbound.OutboundHttp;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.outbound.SecretBox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells GitHub Tollgate's verdicts on deployment protection rules: {@code POST} to the request's
 * {@code deployment_callback_url} with {@code {environment_name, state, comment}} ({@code state}
 * {@code approved} or {@code rejected}; a waiting run gets a status report, without {@code state}),
 * authorised with the integration's token. Runs on one thread per node, after the commit that made
 * a verdict due and every {@code tollgate.github.protection-interval} (default 10 s), never inside
 * a command. A sender claims a run before calling, so one node tells it; a network error, 429 or
 * 5xx is tried again with backoff ({@code tollgate.github.protection-retry-base}, default 5 s,
 * doubling, at most 10 min), up to {@value #MAX_ATTEMPTS} times; another answer gives up, keeping
 * why.
 */
@Component
class ProtectionCallbacks implements org.springframework.beans.factory.DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ProtectionCallbacks.class);
  static final int MAX_ATTEMPTS = 8;
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ProtectionStore store;
  private final IntegrationStore integrations;
  private final SecretBox secrets;
  private final OutboundHttp http;
  private final OutboundUrls urls;
  private final ObjectProvider<ProtectionRules> rules;
  private final Clock clock;
  private final Duration retryBase;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "github-protection");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean pending = new AtomicBoolean();

  /**
   * Whether runs may be waiting for a go (true until a round finds none): see {@link
   * #wakeIfWaiting}.
   */
  private volatile boolean waiting = true;

  ProtectionCallbacks(
      ProtectionStore store,
      IntegrationStore integrations,
      SecretBox secrets,
      OutboundHttp http,
      OutboundUrls urls,
      ObjectProvider<ProtectionRules> rules,
      Clock clock,
      @Value("${tollgate.github.protection-retry-base:PT5S}") Duration retryBase) {
    this.retryBase = retryBase;
    this.store = store;
    this.integrations = integrations;
    this.secrets = secrets;
    this.http = http;
    this.urls = urls;
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * A release changed: a round decides the waiting runs again after the commit, unless the last
   * round found none waiting (a new request, or the periodic round, looks again).
   */
  void wakeIfWaiting() {
    if (waiting) wakeAfterCommit();
  }

  /** Runs a round once the current transaction commits (at once outside one). */
  void wakeAfterCommit() {
    waiting = true;
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wake();
            }
          });
    } else {
      wake();
    }
  }

  @Scheduled(
      fixedDelayString = "${tollgate.github.protection-interval:PT10S}",
      initialDelayString = "${tollgate.github.protection-interval:PT10S}")
  void tick() {
    wake();
  }

  /** Asks for a round; wakes coalesce while one is pending. */
  void wake() {
    if (!pending.compareAndSet(false, true)) return;
    try {
      worker.execute(this::round);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      pending.set(false);
    }
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }

  private void round() {
    pending.set(false);
    try {
      rules.getObject().reconsider();
      for (ProtectionStore.Run run : store.due(Timestamps.now(clock), 100)) {
        Instant now = Timestamps.now(clock);
        if (store.claim(run, now.plus(LEASE))) tell(run, now);
      }
      waiting = !store.waiting(1).isEmpty();
    } catch (RuntimeException e) {
      log.warn("Answering GitHub deployment protection rules failed; trying again later", e);
    }
  }

  private void tell(ProtectionStore.Run run, Instant now) {
    IntegrationStore.Stored integration = integrations.find(run.product()).orElse(null);
    if (integration == null || integration.sealedToken() == null) {
      store.failed(
          run.id(),
          run.verdict(),
          "The GitHub integration of " + run.product() + " has no token to answer with any more.",
          null);
      return;
    }
    String problem =
        ProtectionRules.callbackProblem(
            ProtectionRules.apiBase(integration), integration.repository(), run.callbackUrl());
    if (problem != null) {
      store.failed(run.id(), run.verdict(), problem, null);
      return;
    }
    int status;
    String body;
    try {
      URI uri = urls.check(run.callbackUrl(), "deployment_callback_url");
      HttpResponse<String> response =
          http.client()
              .send(
                  http.request(uri)
                      .header("Accept", "application/vnd.github+json")
                      .header("X-GitHub-Api-Version", "2022-11-28")
                      .header("Authorization", "Bearer " + secrets.open(integration.sealedToken()))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body(run)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      body = response.body();
    } catch (TollgateException refused) {
      store.failed(run.id(), run.verdict(), refused.getMessage(), null);
      return;
    } catch (IOException e) {
      retry(run, now, "GitHub did not answer: " + e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      retry(run, now, "Interrupted while telling GitHub");
      return;
    }
    if (status >= 200 && status < 300) {
      store.told(run.id(), run.verdict());
    } else if (status == 429 || status >= 500) {
      retry(run, now, "GitHub answered " + status + ": " + cut(body));
    } else {
      store.failed(run.id(), run.verdict(), "GitHub answered " + status + ": " + cut(body), null);
    }
  }

  /** The callback's body: a waiting run's status report carries no {@code state}. */
  static String body(ProtectionStore.Run run) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("environment_name", run.environment());
    if (!"waiting".equals(run.verdict())) body.put("state", run.verdict());
    body.put("comment", run.comment());
    return JSON.writeValueAsString(body);
  }

  private void retry(ProtectionStore.Run run, Instant now, String error) {
    int attempts = run.attempts() + 1;
    Duration wait = retryBase.multipliedBy(1L << Math.min(attempts - 1, 7));
    if (wait.compareTo(Duration.ofMinutes(10)) > 0) wait = Duration.ofMinutes(10);
    store.failed(run.id(), run.verdict(), error, attempts >= MAX_ATTEMPTS ? null : now.plus(wait));
    if (attempts < MAX_ATTEMPTS && wait.compareTo(Duration.ofSeconds(2)) < 0) {
      // a short backoff (tests) need not wait for the periodic round
      java.util.concurrent.CompletableFuture.delayedExecutor(
              wait.toMillis() + 20, java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(this::wake);
    }
  }

  private static String cut(String s) {
    if (s == null) return "";
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
