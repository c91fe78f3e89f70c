package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A derived transaction on the server's own database: its work commits; on PostgreSQL it runs with
 * {@code synchronous_commit off}, and only it (the setting is local to the transaction).
 */
class DerivedWritesIntegrationTests extends IntegrationTest {
  @Autowired DerivedWrites derived;
  @Autowired PlatformTransactionManager transactions;

  private String synchronousCommit() {
    return jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single();
  }

  @Test
  void aDerivedTransactionCommitsItsWorkWithoutWaitingForTheWal() {
    String consumer = "derived-writes-" + java.util.UUID.randomUUID();
    String seen =
        derived.execute(
            "a-test",
            s -> {
              jdbc.sql(
                      "insert into audit_cursors (consumer, seq, updated_at) values"
                          + " (?, 7, current_timestamp)")
                  .param(consumer)
                  .update();
              return onPostgres() ? synchronousCommit() : "h2";
            });
    assertThat(
            jdbc.sql("select seq from audit_cursors where consumer = ?")
                .param(consumer)
                .query(Long.class)
                .single())
        .isEqualTo(7L);
    if (onPostgres()) {
      assertThat(seen).isEqualTo("off");
      String after = new TransactionTemplate(transactions).execute(s -> synchronousCommit());
      assertThat(after).as("a command's transaction after it").isEqualTo("on");
    }
  }
}
