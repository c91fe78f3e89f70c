package io.tollgate.notify.internal;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditStream;
import io.tollgate.notify.Headlines;
import io.tollgate.notify.InboxRules;
import io.tollgate.notify.NotificationTypes;
import io.tollgate.notify.Subscription;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.StepKind;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Timestamps;
import io.tollgate.shared.db.DerivedWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes the outbox from the audit log: for each event after its cursor, one pending delivery per
 * subscription of the event's product that asks for it, in the transaction that moves the cursor. A
 * crash before that commit reads the same events again; after it, the rows are there: nothing
 * committed to the audit log is missed, nothing is written twice. A subscription receives the
 * events recorded after it was made.
 */
@Component
public class Outbox {
  static final String CONSUMER = "notify-outbox";

  private final AuditStream stream;
  private final SubscriptionStore subscriptions;
  private final DeliveryStore deliveries;
  private final HandoffClocks clocks;
  private final InboxStore inboxes;
  private final PreferenceStore preferences;
  private final ProductManagement products;
  private final io.tollgate.process.ProcessManagement processes;
  private final DerivedWrites derived;
  private final Clock clock;

  Outbox(
      AuditStream stream,
      SubscriptionStore subscriptions,
      DeliveryStore deliveries,
      HandoffClocks clocks,
      InboxStore inboxes,
      PreferenceStore preferences,
      ProductManagement products,
      io.tollgate.process.ProcessManagement processes,
      DerivedWrites derived,
      Clock clock) {
    this.stream = stream;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.clocks = clocks;
    this.inboxes = inboxes;
    this.preferences = preferences;
    this.products = products;
    this.processes = processes;
    this.derived = derived;
    this.clock = clock;
  }

  /**
   * Reads one batch of at most {@code max} events and writes their deliveries; answers how many
   * events it read.
   */
  public int drain(int max) {
    return drain(max, java.time.Duration.ZERO);
  }

  /**
   * As {@link #drain(int)}, unless a node (this one or another) drained less than {@code notWithin}
   * ago: then nothing, and 0 (see {@link AuditStream#poll(String, int, java.time.Duration)}).
   */
  public int drain(int max, java.time.Duration notWithin) {
    // all it writes is derived from the audit log again after a crash (its cursor moves in the same
    // transaction): it does not wait for the disk
    Integer written =
        derived.execute(
            "notify-outbox",
            s -> {
              List<AuditEvent> events = stream.poll(CONSUMER, max, notWithin);
              if (events.isEmpty()) return 0;
              write(events);
              stream.advance(CONSUMER, events.get(events.size() - 1).seq());
              return events.size();
            });
    return written == null ? 0 : written;
  }

  private int write(List<AuditEvent> events) {
    Set<String> keys = new LinkedHashSet<>();
    for (AuditEvent e : events) if (e.product() != null) keys.add(e.product());
    Map<String, List<Subscription>> byProduct = new HashMap<>();
    for (Subscription s : subscriptions.active(keys)) {
      byProduct.computeIfAbsent(s.product(), k -> new java.util.ArrayList<>()).add(s);
    }
    Map<String, ProcessDefinition> processOf = new HashMap<>();
    Map<String, List<io.tollgate.product.Member>> membersOf = new HashMap<>();
    Map<String, io.tollgate.notify.Preferences> preferences = new HashMap<>();
    Instant now = Timestamps.now(clock);
    List<DeliveryStore.NewRow> rows = new java.util.ArrayList<>();
    for (AuditEvent e : events) {
      if (e.product() == null) continue;
      if (e.type().startsWith("handoff.")) handoffClock(e, processOf);
      JsonNode payload = EventFacts.payload(e);
      inbox(e, payload, processOf, membersOf, preferences);
      List<Subscription> subs = byProduct.get(e.product());
      if (subs == null) continue;
      List<String> types =
          NotificationTypes.of(
              e.type(),
              key -> EventFacts.text(payload, key),
              step -> deployStep(processOf, e.product(), step));
      if (types.isEmpty()) continue;
      for (Subscription s : subs) {
        if (e.at().isBefore(s.createdAt())) continue;
        String type = s.typeFor(types);
        if (type == null) continue;
        rows.add(new DeliveryStore.NewRow(s.id(), e.product(), e.seq(), type));
      }
    }
    deliveries.insert(rows, now); // one batched statement for the whole read
    return rows.size();
  }

  private boolean deployStep(Map<String, ProcessDefinition> cache, String product, String step) {
    return process(cache, product).step(step).map(s -> s.kind() == StepKind.DEPLOY).orElse(false);
  }

  private ProcessDefinition process(Map<String, ProcessDefinition> cache, String product) {
    return cache.computeIfAbsent(
        product, p -> processes.latest(products.find(p).process()).definition());
  }

  /** Puts the event in the menu of the people it waits on ({@link InboxRules}). */
  private void inbox(
      AuditEvent e,
      JsonNode payload,
      Map<String, ProcessDefinition> processOf,
      Map<String, List<io.tollgate.product.Member>> membersOf,
      Map<String, io.tollgate.notify.Preferences> preferences) {
    if (!InboxRules.WAITING.contains(e.type())) return;
    ProcessDefinition process = process(processOf, e.product());
    List<String> onCall =
        process.steps().stream()
            .filter(s -> s.kind() == StepKind.DEPLOY)
            .map(s -> s.owner())
            .distinct()
            .toList();
    List<String> roles =
        InboxRules.roles(
            e.type(), k -> EventFacts.text(payload, k), process.releaseManagerRole(), onCall);
    if (roles.isEmpty()) return;
    List<io.tollgate.product.Member> members =
        membersOf.computeIfAbsent(e.product(), p -> products.find(p).members());
    String incident = EventFacts.subjectId(e, "incident");
    String link =
        incident != null
            ? "/incidents/" + incident
            : e.release() != null ? "/releases/" + e.release() : "/products/" + e.product();
    String version = EventFacts.text(payload, "version");
    String title =
        e.product()
            + (version == null ? "" : " " + version)
            + ": "
            + Headlines.of(e.type(), k -> EventFacts.text(payload, k));
    for (io.tollgate.product.Member m : members) {
      if (m.roles().stream().noneMatch(roles::contains)) continue;
      if (m.username().equals(e.actor())) continue; // nobody is told of their own act
      io.tollgate.notify.Preferences p =
          preferences.computeIfAbsent(m.username(), this.preferences::of);
      if (!p.wantsInApp(e.product())) continue;
      inboxes.add(
          m.username(),
          e.product(),
          e.release(),
          e.seq(),
          e.type(),
          EventFacts.text(payload, "handoff"),
          title,
          link,
          e.at());
    }
  }

  /** A handed handoff starts its SLA clock (the process's {@code sla}); acknowledging stops it. */
  private void handoffClock(AuditEvent e, Map<String, ProcessDefinition> processOf) {
    JsonNode p = EventFacts.payload(e);
    String handoff = EventFacts.text(p, "handoff");
    if (handoff == null || e.release() == null) return;
    if (e.type().equals("handoff.handed")) {
      java.time.Duration sla =
          process(processOf, e.product())
              .handoff(handoff)
              .map(io.tollgate.process.HandoffDef::sla)
              .orElse(io.tollgate.process.HandoffSla.DEFAULT);
      clocks.handed(
          e.release(),
          handoff,
          e.product(),
          EventFacts.text(p, "version"),
          EventFacts.text(p, "from"),
          EventFacts.text(p, "to"),
          e.at(),
          e.at().plus(sla.multipliedBy(3).dividedBy(4)),
          e.at().plus(sla));
    } else if (e.type().equals("handoff.acknowledged")) {
      clocks.acknowledged(e.release(), handoff, e.at(), e.actor());
    }
  }
}
