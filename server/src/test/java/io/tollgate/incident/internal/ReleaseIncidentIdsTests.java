package io.tollgate.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditEventsAppended;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-node memory of a release's incident ids: what forgets it (see CommitCoherentMemoTests).
 */
class ReleaseIncidentIdsTests {
  private final ReleaseIncidentIds ids = new ReleaseIncidentIds();
  private final List<String> table = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();

  private List<String> read() {
    reads.incrementAndGet();
    return List.copyOf(table);
  }

  @Test
  void aReleaseIsReadOnceUntilAnIncidentOfItIsOpened() {
    assertThat(ids.of("r1", this::read)).isEmpty();
    assertThat(ids.of("r1", this::read)).isEmpty();
    assertThat(reads).hasValue(1);

    table.add("i1");
    ids.opening("r1"); // no transaction here: forgotten at once
    assertThat(ids.of("r1", this::read)).containsExactly("i1");
    assertThat(reads).hasValue(2);
  }

  @Test
  void anotherNodesIncidentIsForgottenWhenTheTailReadsItsEvent() {
    ids.of("r1", this::read);
    ids.of("r2", this::read);
    table.add("i1");
    ids.appended(
        new AuditEventsAppended(
            List.of(event("incident.opened", "r1"), event("release.created", "r2"))));
    assertThat(ids.of("r1", this::read)).containsExactly("i1");
    assertThat(ids.of("r2", this::read)).as("not an incident's event: still remembered").isEmpty();
    assertThat(reads).hasValue(3);
  }

  private static AuditEvent event(String action, String release) {
    return new AuditEvent(
        1, Instant.EPOCH, "someone", action, "x", release, "{}", "", "", "person", "p", 1);
  }
}
