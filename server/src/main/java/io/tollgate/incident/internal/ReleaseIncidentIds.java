package io.tollgate.incident.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditEventsAppended;
import io.tollgate.shared.db.CommitCoherentMemo;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ids of each release's incidents, remembered by this node: every response with a release lists
 * them, and they change only when an incident is opened (incidents are never deleted). An incident
 * opened on this node is forgotten here as its transaction ends; one opened on another node when
 * the audit tail reads its event (a quarter of a second). See {@link CommitCoherentMemo}.
 */
@Component
public class ReleaseIncidentIds {
  private final CommitCoherentMemo<String, List<String>> ids = new CommitCoherentMemo<>(20_000);

  /** The release's incident ids, from memory or else from {@code read}. */
  List<String> of(String release, Supplier<List<String>> read) {
    return ids.get(release, () -> List.copyOf(read.get()));
  }

  /** An incident of the release is being opened. */
  void opening(String release) {
    ids.forgetAfterCommit(release);
  }

  /** Incidents opened on any node (this one's too: forgetting twice is harmless). */
  @EventListener
  void appended(AuditEventsAppended appended) {
    for (AuditEvent e : appended.events()) {
      if (e.release() != null && e.action() != null && e.action().startsWith("incident.")) {
        ids.forget(e.release());
      }
    }
  }
}
