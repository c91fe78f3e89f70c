package io.tollgate.release;

import io.tollgate.notes.ReleaseNotes;
import io.tollgate.process.ProcessManagement;
import io.tollgate.process.ProcessVersion;
import io.tollgate.process.ReleaseType;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.internal.ReleaseStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Planning a release ({@link ReleaseManagement#plan}, in its transaction): the planner's role, the
 * version, the first notes and source, then the new release stored and audited.
 */
@Component
class ReleasePlanner {
  private final ReleaseStore store;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final ReleaseNumbering numbering;
  private final ReleaseCommandRunner runner;
  private final Clock clock;

  ReleasePlanner(
      ReleaseStore store,
      ProductManagement products,
      ProcessManagement processes,
      ReleaseNumbering numbering,
      ReleaseCommandRunner runner,
      Clock clock) {
    this.store = store;
    this.products = products;
    this.processes = processes;
    this.numbering = numbering;
    this.runner = runner;
    this.clock = clock;
  }

  Release plan(Actor by, String productKey, NewRelease request) {
    Product product = products.find(productKey);
    ProcessVersion process = processes.latest(product.process());
    Participant participant = runner.participant(by, productKey);
    String planner = process.definition().releaseManagerRole();
    if (!participant.holds(planner)) {
      throw Forbidden.needsRole(
          planner, "Planning a release", by.username(), participant.sortedRoles());
    }
    if (request.type() == null || request.type().isBlank()) throw BadRequest.missing("type");
    ReleaseType type = ReleaseNumbering.type(request.type());
    Source source = Source.of(request.commit(), request.ref());
    SemanticVersion version = numbering.assign(productKey, type, request.version());
    ReleaseNotes notes = ReleaseNotes.empty();
    if (request.summary() != null && !request.summary().isBlank()) {
      notes = notes.with("summary", List.of(request.summary()));
    }
    Instant now = Timestamps.now(clock);
    Planning.Planned planned =
        Planning.plan(
            ReleaseId.random(),
            productKey,
            new ProcessRef(process.id(), process.version()),
            process.definition(),
            type,
            version,
            request.name() == null ? null : request.name().strip(),
            request.window(),
            notes,
            participant,
            now);
    Release release = planned.release();
    List<ReleaseEvent> events = new java.util.ArrayList<>(planned.events());
    if (source != null) {
      events.addAll(Sources.change(release, source.commit(), source.ref(), participant));
    }
    store.insert(release.toData(), release.status().id(), Overview.of(release), now);
    runner.record(by, release, events);
    return release;
  }
}
