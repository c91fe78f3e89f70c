package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a node remembers between commits: read once, forgotten by changes, never stale by a race.
 */
class CommitCoherentMemoTests {
  private final CommitCoherentMemo<String, String> memo = new CommitCoherentMemo<>(100);
  private final AtomicInteger reads = new AtomicInteger();
  private String row = "v1";

  private String read() {
    reads.incrementAndGet();
    return row;
  }

  @AfterEach
  void noTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
    TransactionSynchronizationManager.setActualTransactionActive(false);
    TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
  }

  @Test
  void aValueIsReadOnceUntilForgotten() {
    assertThat(memo.get("k", this::read)).isEqualTo("v1");
    row = "v2";
    assertThat(memo.get("k", this::read)).as("remembered").isEqualTo("v1");
    memo.forget("k");
    assertThat(memo.get("k", this::read)).isEqualTo("v2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void aReadThatAChangeOvertookIsAnsweredButNotRemembered() {
    String stale =
        memo.get(
            "k",
            () -> {
              String before = read();
              row = "v2"; // committed meanwhile, and forgotten as it committed
              memo.forget("k");
              return before;
            });
    assertThat(stale).isEqualTo("v1");
    assertThat(memo.get("k", this::read)).isEqualTo("v2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void aChangeIsForgottenWhenItsTransactionEndsAndNotBefore() {
    memo.get("k", this::read);
    TransactionSynchronizationManager.initSynchronization();
    memo.forgetAfterCommit("k");
    row = "v2";
    assertThat(memo.get("k", this::read)).as("not committed yet").isEqualTo("v1");
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
    }
    TransactionSynchronizationManager.clearSynchronization();
    assertThat(memo.get("k", this::read)).isEqualTo("v2");
  }

  @Test
  void aTransactionThatWritesReadsTheDatabaseAndRemembersNothing() {
    memo.get("k", this::read);
    TransactionSynchronizationManager.setActualTransactionActive(true);
    row = "v2"; // this transaction's own change
    assertThat(memo.get("k", this::read)).isEqualTo("v2");
    TransactionSynchronizationManager.setCurrentTransactionReadOnly(true);
    assertThat(memo.get("k", this::read)).as("a read-only one uses the memory").isEqualTo("v1");
    assertThat(reads).hasValue(2);
  }
}
