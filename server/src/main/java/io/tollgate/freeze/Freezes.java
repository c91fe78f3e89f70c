package io.tollgate.freeze;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.freeze.internal.FreezeStore;
import io.tollgate.process.ProcessManagement;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.FrozenPeriod;
import io.tollgate.release.FrozenPeriods;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Production freezes: created and deleted by the admin, or by a release manager for their own
 * products (a freeze of every product is the admin's); read by whoever belongs to a product they
 * cover. Creating and deleting are audited.
 */
@Service
public class Freezes implements FrozenPeriods {
  /** The widest range one occurrences query covers. */
  public static final Duration MAX_RANGE = Duration.ofDays(400);

  private final FreezeStore store;
  private final ProductManagement products;
  private final ProcessManagement processes;
  private final AuditLog audit;
  private final Clock clock;

  Freezes(
      FreezeStore store,
      ProductManagement products,
      ProcessManagement processes,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.products = products;
    this.processes = processes;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a freeze; bad input is refused with 422 and nothing is saved. */
  @Transactional
  public Freeze create(Actor by, NewFreeze request) {
    NewFreeze.Checked c = request.check();
    for (String p : c.products()) {
      if (!products.exists(p)) {
        throw Invalid.field(
            "products",
            "Unknown product '"
                + p
                + "'; list the products you belong to with GET /api/v1/products.");
      }
    }
    requireManager(by, c.products(), "Creating a freeze");
    Freeze freeze =
        new Freeze(
            UUID.randomUUID().toString(),
            c.reason(),
            c.start(),
            c.end(),
            c.rrule(),
            c.zone(),
            c.products(),
            by.username(),
            Timestamps.now(clock));
    store.insert(freeze);
    audit.append(record("freeze.created", by, freeze));
    return freeze;
  }

  /**
   * The freezes the caller may see: every one for the admin, else those covering their products.
   */
  @Transactional(readOnly = true)
  public List<Freeze> list(Actor by) {
    if (by.admin()) return store.all();
    Set<String> mine = visible(by);
    return store.all().stream()
        .filter(f -> f.allProducts() || f.products().stream().anyMatch(mine::contains))
        .toList();
  }

  /** A freeze the caller may see (anyone else: 404). */
  @Transactional(readOnly = true)
  public Freeze get(Actor by, String id) {
    Freeze f = store.find(id).orElseThrow(() -> NotFound.of("freeze", id));
    if (!by.admin() && !f.allProducts() && f.products().stream().noneMatch(visible(by)::contains)) {
      throw NotFound.of("freeze", id);
    }
    return f;
  }

  /** Deletes a freeze (who may create it may delete it); its overrides stay on record. */
  @Transactional
  public void delete(Actor by, String id) {
    Freeze f = get(by, id);
    requireManager(by, f.products(), "Deleting a freeze");
    if (!store.delete(id, Timestamps.now(clock))) throw NotFound.of("freeze", id);
    audit.append(record("freeze.deleted", by, f));
  }

  /**
   * The occurrences of the freezes the caller may see that overlap [from, to), in order (the list's
   * {@code ?from=&to=} view).
   */
  @Transactional(readOnly = true)
  public List<FreezeOccurrence> occurrences(Actor by, Instant from, Instant to) {
    checkRange(from, to);
    return occurrencesOf(list(by), from, to);
  }

  /**
   * The occurrences overlapping [from, to) of the freezes that cover any of the products (every
   * product's freezes included), in order: the query the calendar reads. No permission check: the
   * caller passes the products its user may see.
   */
  @Transactional(readOnly = true)
  public List<FreezeOccurrence> occurrences(
      Instant from, Instant to, Collection<String> productIds) {
    checkRange(from, to);
    Set<String> wanted = Set.copyOf(productIds);
    List<Freeze> freezes =
        store.all().stream()
            .filter(f -> f.allProducts() || f.products().stream().anyMatch(wanted::contains))
            .toList();
    return occurrencesOf(freezes, from, to);
  }

  @Override
  @Transactional(readOnly = true)
  public List<FrozenPeriod> of(String product, String release, Instant from, Instant to) {
    List<Freeze> freezes = store.covering(product);
    if (freezes.isEmpty()) return List.of();
    Map<String, FreezeOverride> approved = new HashMap<>();
    store.ofRelease(release).stream()
        .filter(FreezeOverride::approved)
        .forEach(o -> approved.put(o.freeze(), o));
    List<FrozenPeriod> out = new ArrayList<>();
    for (FreezeOccurrence o : occurrencesOf(freezes, from, to)) {
      FreezeOverride granted = approved.get(o.freeze());
      out.add(
          new FrozenPeriod(
              o.freeze(),
              o.reason(),
              o.start(),
              o.end(),
              granted == null ? null : granted.id(),
              granted == null
                  ? null
                  : new io.tollgate.release.FreezeOverrideUse.Grant(
                      granted.id(),
                      granted.reason(),
                      granted.requestedBy(),
                      granted.requestedAt(),
                      granted.approvedBy(),
                      granted.approvedAt())));
    }
    return out;
  }

  /** Whether the caller may create (or delete) a freeze of these products (empty: all). */
  @Transactional(readOnly = true)
  public boolean mayManage(Actor by, Set<String> keys) {
    if (by.admin()) return true;
    if (!by.isPerson() || keys.isEmpty()) return false;
    return keys.stream().allMatch(p -> isManager(by, p));
  }

  /** The products the caller may freeze: all for the admin, else those they manage releases of. */
  @Transactional(readOnly = true)
  public List<String> manageable(Actor by) {
    return products.visibleTo(by).stream()
        .map(Product::key)
        .filter(p -> by.admin() || isManager(by, p))
        .toList();
  }

  private void requireManager(Actor by, Set<String> keys, String what) {
    if (by.admin()) return;
    if (keys.isEmpty()) {
      throw Forbidden.because(
          what
              + " for every product is the admin's; a release manager names the products they"
              + " manage in \"products\".");
    }
    for (String p : keys) {
      if (!by.isPerson() || !isManager(by, p)) {
        throw Forbidden.because(
            what
                + " of '"
                + p
                + "' is for its release manager or the admin; "
                + by.username()
                + " is not the release manager of '"
                + p
                + "'.");
      }
    }
  }

  private boolean isManager(Actor by, String product) {
    String role =
        processes.latest(products.find(product).process()).definition().releaseManagerRole();
    return products.rolesOf(product, by.username()).contains(role);
  }

  private Set<String> visible(Actor by) {
    return products.visibleTo(by).stream().map(Product::key).collect(Collectors.toSet());
  }

  private static void checkRange(Instant from, Instant to) {
    if (from == null || to == null) {
      throw Invalid.because("Give both \"from\" and \"to\" (ISO 8601 instants).");
    }
    if (!to.isAfter(from)) {
      throw Invalid.field("to", "\"to\" (" + to + ") is not after \"from\" (" + from + ").");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw Invalid.field(
          "to", "The range is at most " + MAX_RANGE.toDays() + " days; ask for a shorter one.");
    }
  }

  private static List<FreezeOccurrence> occurrencesOf(
      List<Freeze> freezes, Instant from, Instant to) {
    List<FreezeOccurrence> all = new ArrayList<>();
    for (Freeze f : freezes) all.addAll(FreezeSchedule.occurrences(f, from, to));
    all.sort(Comparator.comparing(FreezeOccurrence::start).thenComparing(FreezeOccurrence::freeze));
    return all;
  }

  private static AuditRecord record(String type, Actor by, Freeze f) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("freeze", f.id());
    p.put("reason", f.reason());
    p.put("start", f.start().toString());
    p.put("end", f.end().toString());
    if (f.rrule() != null) p.put("rrule", f.rrule());
    p.put("timezone", f.zone().getId());
    p.put("products", List.copyOf(new java.util.TreeSet<>(f.products())));
    String product = f.products().size() == 1 ? f.products().iterator().next() : null;
    return AuditRecord.of(type, by, product, "freeze/" + f.id(), null, p);
  }
}
