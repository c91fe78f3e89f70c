package io.tollgate.freeze;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.freeze.internal.FreezeStore;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency overrides of a freeze: a release manager of the release's product asks, with a reason;
 * another release manager of that product approves (the requester may not: four eyes). An approved
 * override lets that one release deploy to production during that one freeze. Request, approval and
 * the deployment that used it are audited on the release.
 */
@Service
public class FreezeOverrides {
  /** How far ahead a request without a named freeze looks for the freeze it is about. */
  static final Duration AHEAD = Duration.ofDays(366);

  private final FreezeStore store;
  private final Freezes freezes;
  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final AuditLog audit;
  private final Clock clock;

  FreezeOverrides(
      FreezeStore store,
      Freezes freezes,
      ReleaseManagement releases,
      ProductManagement products,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.freezes = freezes;
    this.releases = releases;
    this.products = products;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Asks to let the release deploy during a freeze: {@code freezeId}, or (null) the freeze that
   * covers the release's product now, else the next one ahead.
   */
  @Transactional
  public FreezeOverride request(Actor by, String releaseId, String reason, String freezeId) {
    Release release = releases.get(by, releaseId);
    requireManager(by, release, "Requesting a freeze override");
    if (reason == null || reason.isBlank()) {
      throw Invalid.field(
          "reason", "An emergency override needs a \"reason\": say why this cannot wait.");
    }
    String why = reason.strip();
    if (why.length() > 1000)
      throw Invalid.field("reason", "The reason is at most 1000 characters.");
    Instant now = Timestamps.now(clock);
    var ahead = freezes.of(release.product(), releaseId, now, now.plus(AHEAD));
    var target =
        ahead.stream()
            .filter(p -> freezeId == null || p.freeze().equals(freezeId))
            .findFirst()
            .orElseThrow(
                () ->
                    freezeId == null
                        ? Refused.because(
                            "No freeze covers "
                                + release.product()
                                + " now or in the coming year: release "
                                + release.version()
                                + " needs no override.")
                        : Invalid.field(
                            "freeze",
                            "Freeze '"
                                + freezeId
                                + "' does not cover "
                                + release.product()
                                + " now or in the coming year."));
    for (FreezeOverride o : store.ofRelease(releaseId)) {
      if (o.freeze().equals(target.freeze())) {
        throw Refused.because(
            "An override of this freeze for release "
                + release.version()
                + " is already "
                + o.status()
                + " (requested by "
                + o.requestedBy()
                + ", id "
                + o.id()
                + ")"
                + (o.approved()
                    ? "."
                    : "; another release manager approves it with POST"
                        + " /api/v1/freeze-overrides/"
                        + o.id()
                        + "/approve."));
      }
    }
    FreezeOverride o =
        new FreezeOverride(
            UUID.randomUUID().toString(),
            target.freeze(),
            releaseId,
            release.product(),
            why,
            FreezeOverride.PENDING,
            by.username(),
            now,
            null,
            null);
    store.insert(o);
    audit.append(record("freeze-override.requested", by, o, target.reason()));
    return o;
  }

  /** Approves a pending override: another release manager of the product than the requester. */
  @Transactional
  public FreezeOverride approve(Actor by, String overrideId) {
    String product =
        store
            .productOfOverride(overrideId)
            .orElseThrow(() -> NotFound.of("freeze override", overrideId));
    if (!by.admin() && (!by.isPerson() || products.rolesOf(product, by.username()).isEmpty())) {
      throw NotFound.of("freeze override", overrideId);
    }
    FreezeOverride o = store.lockOverride(overrideId).orElseThrow();
    Release release = releases.get(by, o.release());
    requireManager(by, release, "Approving a freeze override");
    if (o.requestedBy().equals(by.username())) {
      throw Forbidden.because(
          "A second release manager must approve this override: "
              + by.username()
              + " requested it and may not approve it too.");
    }
    if (o.approved()) {
      throw Refused.because(
          "The override is already approved (by "
              + o.approvedBy()
              + " at "
              + o.approvedAt()
              + ").");
    }
    Instant now = Timestamps.now(clock);
    store.approve(o.id(), by.username(), now);
    FreezeOverride approved =
        new FreezeOverride(
            o.id(),
            o.freeze(),
            o.release(),
            o.product(),
            o.reason(),
            FreezeOverride.APPROVED,
            o.requestedBy(),
            o.requestedAt(),
            by.username(),
            now);
    String freezeReason = store.findAny(o.freeze()).map(Freeze::reason).orElse(null);
    audit.append(record("freeze-override.approved", by, approved, freezeReason));
    return approved;
  }

  /** A release's overrides, oldest first (members of its product). */
  @Transactional(readOnly = true)
  public List<FreezeOverride> ofRelease(Actor by, String releaseId) {
    releases.get(by, releaseId);
    return store.ofRelease(releaseId);
  }

  /** The reason of a freeze, deleted or not (null when there is no such freeze). */
  @Transactional(readOnly = true)
  public String freezeReason(String freezeId) {
    return store.findAny(freezeId).map(Freeze::reason).orElse(null);
  }

  /** Whether the caller is a release manager of the release's product. */
  public boolean isManager(Actor by, Release release) {
    return by.isPerson()
        && products
            .rolesOf(release.product(), by.username())
            .contains(release.process().releaseManagerRole());
  }

  private void requireManager(Actor by, Release release, String what) {
    if (isManager(by, release)) return;
    String role = release.process().releaseManagerRole();
    throw Forbidden.needsRole(
        role,
        what,
        by.username(),
        new TreeSet<>(
            by.isPerson() ? products.rolesOf(release.product(), by.username()) : List.of()));
  }

  private static AuditRecord record(String type, Actor by, FreezeOverride o, String freezeReason) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("override", o.id());
    p.put("freeze", o.freeze());
    if (freezeReason != null) p.put("freezeReason", freezeReason);
    p.put("reason", o.reason());
    p.put("requestedBy", o.requestedBy());
    if (o.approvedBy() != null) p.put("approvedBy", o.approvedBy());
    return AuditRecord.of(type, by, o.product(), "freeze-override/" + o.id(), o.release(), p);
  }
}
