package io.tollgate.audit;

import io.tollgate.audit.internal.AuditKeys;
import io.tollgate.audit.internal.AuditStore;
import io.tollgate.audit.internal.CanonicalJson;
import io.tollgate.audit.internal.ChainCheck;
import io.tollgate.audit.internal.ChainForm;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records changes. Events are collected during the transaction and appended to the chain just
 * before it commits, so the chain's lock is held only for that moment and taken after every other
 * lock the command needs; if appending fails, the whole command rolls back.
 */
@Service
public class AuditLog {
  private static final String PENDING = AuditLog.class.getName() + ".pending";

  private final java.util.concurrent.locks.ReentrantLock chain =
      new java.util.concurrent.locks.ReentrantLock();
  // The head this node committed last, so the next append can move it in one statement; guarded
  // by the chain lock, and forgotten when a commit fails (the next append then reads the head).
  private AuditStore.Head committed;
  private final AuditStore store;
  private final Clock clock;
  private final AuditCheckpoints checkpoints;
  private final ChainCheck check;

  AuditLog(AuditStore store, Clock clock, AuditCheckpoints checkpoints, AuditKeys keys) {
    this.store = store;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.check = new ChainCheck(keys.macKey());
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
            private boolean locked;
            private AuditStore.Head appended;

            @Override
            public void beforeCommit(boolean readOnly) {
              // Commands of this node queue here, parked, rather than on the chain head's row lock;
              // the row lock still orders nodes. Held until the commit is done.
              chain.lock();
              locked = true;
              if (!created.isEmpty()) {
                appended = store.append(created, Instant.now(clock), committed);
              }
            }

            @Override
            public void afterCompletion(int status) {
              if (locked) {
                if (appended != null) {
                  committed = status == STATUS_COMMITTED ? appended : null;
                }
                chain.unlock();
              }
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
    chain.lock();
    AuditStore.Head head;
    try {
      head = store.appendPast(rows);
    } catch (RuntimeException e) {
      chain.unlock();
      throw e;
    }
    // the head moved outside the pending-events path: the next append reads it
    committed = null;
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            committed = null;
            chain.unlock();
          }
        });
    return head.seq();
  }

  @Transactional(readOnly = true)
  public List<AuditEvent> forRelease(String releaseId) {
    return store.forRelease(releaseId);
  }

  /** The release's events as stored, each with the canonical form its hash covers. */
  @Transactional(readOnly = true)
  public List<SealedEvent> sealedForRelease(String releaseId) {
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

  /** Re-computes the whole chain and reports the first event whose hash or MAC does not match. */
  @Transactional(readOnly = true)
  public Verification verify() {
    return check.run(store::stored, store.head(), null);
  }

  /**
   * Re-computes the whole chain against a checkpoint an auditor kept: also finds events cut from
   * the end and a chain rewritten before the checkpoint. A checkpoint whose signature does not
   * match is refused (422).
   */
  @Transactional(readOnly = true)
  public Verification verify(Checkpoint checkpoint) {
    checkpoints.requireGenuine(checkpoint);
    return check.run(
        store::stored, store.head(), new ChainCheck.Expected(checkpoint.seq(), checkpoint.hash()));
  }
}
