package io.tollgate.audit;

import io.tollgate.audit.internal.AuditAppender;
import io.tollgate.audit.internal.AuditKeys;
import io.tollgate.audit.internal.AuditStaging;
import io.tollgate.audit.internal.AuditStore;
import io.tollgate.audit.internal.CanonicalJson;
import io.tollgate.audit.internal.ChainCheck;
import io.tollgate.audit.internal.ChainForm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records changes. Events are collected during the transaction and staged just before it commits,
 * in the same transaction, so an answered command's events survive a crash and a failed command
 * leaves none; staging takes no lock that other commands wait for. The {@link AuditAppender} then
 * chains them (right after the commit on this node, or within a second from any node's appender):
 * see the README's audit chain section for why the chain's order and verification hold.
 *
 * <p>Reads of a release's history wait (at most {@value #RELEASE_WAIT_MS} ms) for the release's
 * committed events to be chained, so a command's caller sees them; {@link #awaitChained()} does the
 * same for the whole log.
 */
@Service
public class AuditLog {
  private static final String PENDING = AuditLog.class.getName() + ".pending";
  static final long RELEASE_WAIT_MS = 2000;
  private static final Duration CHAIN_WAIT = Duration.ofSeconds(5);

  private final AuditStore store;
  private final AuditStaging staging;
  private final AuditAppender appender;
  private final Clock clock;
  private final AuditCheckpoints checkpoints;
  private final ChainCheck check;
  private final TransactionTemplate snapshot;

  AuditLog(
      AuditStore store,
      AuditStaging staging,
      AuditAppender appender,
      Clock clock,
      AuditCheckpoints checkpoints,
      AuditKeys keys,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.staging = staging;
    this.appender = appender;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.check = new ChainCheck(keys.macKey());
    // verification reads the rows in batches and the head: all of one moment of the chain
    this.snapshot = new TransactionTemplate(transactions);
    snapshot.setReadOnly(true);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /**
   * Appends one domain event in the current transaction: its type, actor and the actor's kind,
   * product, subject, release, payload version and payload are all stored and hashed.
   */
  public void append(AuditRecord event) {
    add(
        new AuditStore.NewEvent(
            event.actor().username(),
            event.actor().kind().id(),
            event.type(),
            event.subject(),
            event.release(),
            event.product(),
            event.payloadVersion(),
            CanonicalJson.write(event.payload())));
  }

  private void add(AuditStore.NewEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Audit events are recorded only inside the transaction of the change");
    }
    pending().add(event);
  }

  @SuppressWarnings("unchecked")
  private List<AuditStore.NewEvent> pending() {
    List<AuditStore.NewEvent> list =
        (List<AuditStore.NewEvent>) TransactionSynchronizationManager.getResource(PENDING);
    if (list == null) {
      List<AuditStore.NewEvent> created = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(PENDING, created);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            private boolean staged;

            @Override
            public void beforeCommit(boolean readOnly) {
              if (!created.isEmpty()) {
                staging.stage(created, Instant.now(clock));
                staged = true;
              }
            }

            @Override
            public void afterCommit() {
              if (staged) appender.wake();
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
            }
          });
      list = created;
    }
    return list;
  }

  /**
   * Appends events of a generated past, each at its own moment (its {@code at}), in the current
   * transaction and in large batches: chained, hashed and MACed as every other append, so the chain
   * verifies afterwards. For {@code io.tollgate.demo}'s large history only; {@code details} must be
   * canonical JSON, as stored in another event. Answers the chain's new head (its sequence number).
   */
  public long appendPast(List<AuditEvent> events) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          "Audit events are recorded only inside the transaction of the change");
    }
    List<AuditStore.PastEvent> rows = new ArrayList<>(events.size());
    for (AuditEvent e : events) {
      rows.add(
          new AuditStore.PastEvent(
              e.at(),
              new AuditStore.NewEvent(
                  e.actor(),
                  e.actorKind(),
                  e.action(),
                  e.subject(),
                  e.release(),
                  e.product(),
                  e.payloadVersion(),
                  e.details())));
    }
    return store.appendPast(rows).seq();
  }

  /**
   * Waits, at most 5 s, until every event committed before the call is chained; answers whether
   * they are. For callers that need the chain current: a checkpoint, verification, a test.
   */
  public boolean awaitChained() {
    return appender.awaitChained(CHAIN_WAIT);
  }

  /** The release's events in chain order, its just-committed ones included (see above). */
  public List<AuditEvent> forRelease(String releaseId) {
    appender.awaitChained(releaseId, Duration.ofMillis(RELEASE_WAIT_MS));
    return store.forRelease(releaseId);
  }

  /** The release's events as stored, each with the canonical form its hash covers. */
  public List<SealedEvent> sealedForRelease(String releaseId) {
    appender.awaitChained(releaseId, Duration.ofMillis(RELEASE_WAIT_MS));
    return store.storedForRelease(releaseId).stream()
        .map(r -> new SealedEvent(r.event(), r.form(), ChainForm.canonical(r.form(), r.fields())))
        .toList();
  }

  @Transactional(readOnly = true)
  public List<AuditEvent> all(long afterSeq, int limit) {
    return store.after(afterSeq, limit);
  }

  @Transactional(readOnly = true)
  public long latestSeq() {
    return store.latestSeq();
  }

  /**
   * Re-computes the whole chain, in one snapshot of it, and reports the first event whose hash or
   * MAC does not match. Events committed before the call are chained first (waiting at most 5 s).
   */
  public Verification verify() {
    awaitChained();
    return snapshot.execute(tx -> check.run(store::stored, store.head(), null));
  }

  /**
   * Re-computes the whole chain against a checkpoint an auditor kept: also finds events cut from
   * the end and a chain rewritten before the checkpoint. A checkpoint whose signature does not
   * match is refused (422).
   */
  public Verification verify(Checkpoint checkpoint) {
    checkpoints.requireGenuine(checkpoint);
    awaitChained();
    return snapshot.execute(
        tx ->
            check.run(
                store::stored,
                store.head(),
                new ChainCheck.Expected(checkpoint.seq(), checkpoint.hash())));
  }

  /** How many committed events wait to be chained (as of the appender's last pass). */
  public long staged() {
    return appender.backlog();
  }
}
