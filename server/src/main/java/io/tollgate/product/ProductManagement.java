package io.tollgate.product;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.identity.UserManagement;
import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessManagement;
import io.tollgate.process.ProcessParser;
import io.tollgate.product.internal.ProductStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Products, their environments and memberships; answers who holds which role where. */
@Service
public class ProductManagement {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern ENV = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final ProductStore products;
  private final ProcessManagement processes;
  private final UserManagement users;
  private final AuditLog audit;
  private final Clock clock;
  private final org.springframework.context.ApplicationEventPublisher events;
  // Who may read which product, remembered for a few seconds because every read asks. Commands
  // always read the roles afresh; a change on this node clears it at once, on other nodes when
  // the audit log's tail brings it (within a second; see readersChanged), at worst after 5 s.
  private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> readers =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .expireAfterWrite(java.time.Duration.ofSeconds(5))
          .maximumSize(10_000)
          .build();

  ProductManagement(
      ProductStore products,
      ProcessManagement processes,
      UserManagement users,
      AuditLog audit,
      Clock clock,
      org.springframework.context.ApplicationEventPublisher events) {
    this.products = products;
    this.processes = processes;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
    this.events = events;
  }

  /**
   * A membership, a product or a user changed, on this node or another (the audit log's tail brings
   * every node every change): forget who may read what.
   */
  @org.springframework.context.event.EventListener
  void readersChanged(io.tollgate.audit.AuditEventsAppended appended) {
    if (appended.events().stream().anyMatch(e -> changesReaders(e.action()))) {
      readers.invalidateAll();
    }
  }

  static boolean changesReaders(String action) {
    return action != null
        && (action.startsWith("membership.")
            || action.startsWith("product.")
            || action.startsWith("user."));
  }

  /** Creates a product (admin). Its environments must include every one its process deploys to. */
  @Transactional
  public Product create(
      Actor by, String key, String name, String process, List<String> environments) {
    UserManagement.requireAdmin(by, "Creating products");
    if (key == null || key.isBlank()) throw BadRequest.missing("key");
    if (name == null || name.isBlank()) throw BadRequest.missing("name");
    if (!KEY.matcher(key).matches()) {
      throw Invalid.because(
          "'" + key + "' is not a valid product key: use 1-64 lower-case letters, digits and '-'.");
    }
    String processId = process == null || process.isBlank() ? ProcessParser.BUILT_IN : process;
    ProcessDefinition definition;
    try {
      definition = processes.latest(processId).definition();
    } catch (NotFound e) {
      throw Invalid.because(
          "There is no process '" + processId + "'; publish it first with POST /api/v1/processes.");
    }
    List<String> envs = environments == null ? List.of("staging", "production") : environments;
    if (envs.isEmpty()) throw Invalid.because("A product needs at least one environment.");
    Set<String> unique = new LinkedHashSet<>();
    for (String env : envs) {
      if (env == null || !ENV.matcher(env).matches()) {
        throw Invalid.because(
            "'"
                + env
                + "' is not a valid environment name: use lower-case letters, digits and '-'.");
      }
      if (!unique.add(env)) throw Invalid.because("The environment '" + env + "' is listed twice.");
    }
    List<String> missing =
        definition.environments().stream().filter(e -> !unique.contains(e)).toList();
    if (!missing.isEmpty()) {
      throw Invalid.because(
          "The process '"
              + processId
              + "' deploys to "
              + String.join(", ", missing)
              + ", which the product does not list in its environments.");
    }
    if (products.exists(key))
      throw Refused.because("A product with the key '" + key + "' exists already.");
    Product product =
        new Product(
            key, name.strip(), processId, List.copyOf(unique), List.of(), Timestamps.now(clock));
    products.insert(product);
    audit.append(
        AuditRecord.of(
            "product.created",
            by,
            key,
            "product/" + key,
            null,
            Map.of(
                "key",
                key,
                "name",
                product.name(),
                "process",
                processId,
                "environments",
                product.environments())));
    events.publishEvent(new ProductCreated(key, processId));
    return product;
  }

  /**
   * Gives a person roles on a product (admin, or a holder of the role that owns the go/no-go
   * decision). An empty list removes the person from the product.
   */
  @Transactional
  public Member setMember(Actor by, String key, String username, List<String> roles) {
    Product product = find(key);
    ProcessDefinition definition = processes.latest(product.process()).definition();
    String managerRole = definition.decisionStep().owner();
    if (!mayManageMembers(by, key)
        && !by.username().equals(username)
        && !MembershipPolicy.granted(by)) {
      throw Forbidden.because(
          "Changing members of '"
              + key
              + "' is for the system administrator or a "
              + managerRole
              + " of the product.");
    }
    if (roles == null) throw BadRequest.missing("roles");
    if (!users.exists(username)) {
      throw NotFound.of("user", username, "Create the user first with POST /api/v1/users.");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String role : roles) {
      if (role == null || !definition.hasRole(role)) {
        throw Invalid.because(
            "'"
                + role
                + "' is not a role of the process '"
                + product.process()
                + "'; its roles are "
                + String.join(", ", definition.roles().stream().map(r -> r.key()).toList())
                + ".");
      }
      unique.add(role);
    }
    List<String> sorted = new ArrayList<>(unique);
    products.lock(key); // one membership change of a product at a time: the last holder stays
    Map<String, Set<String>> holders = new java.util.HashMap<>();
    for (Member m : products.members(key)) {
      m.roles()
          .forEach(
              r -> holders.computeIfAbsent(r, x -> new java.util.HashSet<>()).add(m.username()));
    }
    new MembershipPolicy(key, managerRole, neededRoles(definition))
        .check(
            by,
            by.isPerson() ? products.roles(key, by.username()) : Set.of(),
            username,
            products.roles(key, username),
            Set.copyOf(sorted),
            holders,
            products.openReleaseVersions(key));
    if (sorted.isEmpty()) {
      products.removeMember(key, username);
      readers.invalidateAll();
    } else {
      products.setMember(key, username, sorted);
      readers.invalidateAll();
    }
    audit.append(
        AuditRecord.of(
            "membership.changed",
            by,
            key,
            "product/" + key,
            null,
            Map.of("username", username, "roles", sorted)));
    return new Member(username, sorted);
  }

  /** The roles that own work in a process: losing the last holder of one leaves work undone. */
  private static Set<String> neededRoles(ProcessDefinition d) {
    Set<String> needed = new java.util.HashSet<>();
    d.requirements().forEach(r -> needed.addAll(r.signers()));
    d.steps().forEach(s -> needed.add(s.owner()));
    d.handoffs().forEach(h -> needed.addAll(List.of(h.from(), h.to())));
    if (d.playbook() != null) d.playbook().steps().forEach(s -> needed.add(s.owner()));
    if (d.notes() != null) d.notes().fields().forEach(f -> needed.add(f.owner()));
    return needed;
  }

  /** Whether the caller may change the members of a product (see {@link #setMember}). */
  @Transactional(readOnly = true)
  public boolean mayManageMembers(Actor by, String key) {
    Product product = find(key);
    String managerRole = processes.latest(product.process()).definition().decisionStep().owner();
    return by.admin()
        || (by.isPerson() && products.roles(key, by.username()).contains(managerRole));
  }

  /** The roles of a product's process: what members can hold. */
  @Transactional(readOnly = true)
  public List<io.tollgate.process.Role> roles(String key) {
    return processes.latest(find(key).process()).definition().roles();
  }

  /** A product as its members and the admin may see it. */
  @Transactional(readOnly = true)
  public Product get(Actor by, String key) {
    Product product = find(key);
    requireReader(by, key);
    return product;
  }

  @Transactional(readOnly = true)
  public Product find(String key) {
    return products
        .find(key)
        .orElseThrow(
            () -> NotFound.of("product", key, "List your products with GET /api/v1/products."));
  }

  @Transactional(readOnly = true)
  public List<Product> visibleTo(Actor by) {
    List<String> keys =
        by.admin()
            ? products.keys()
            : products.memberships(by.username()).stream().map(Membership::product).toList();
    return products.findAll(keys);
  }

  /** The roles a person holds on a product; empty when not a member. */
  @Transactional(readOnly = true)
  public Set<String> rolesOf(String key, String username) {
    return products.roles(key, username);
  }

  @Transactional(readOnly = true)
  public List<Membership> membershipsOf(String username) {
    return products.memberships(username);
  }

  /**
   * Whether {@code by} may read the product and its releases: its members, the admin, and actors
   * that are not people (pipelines and the system, whose scope is checked where they act).
   */
  @Transactional(readOnly = true)
  public boolean reads(Actor by, String key) {
    return by.admin() || !by.isPerson() || member(by, key);
  }

  /** Reading a product and its releases is for its members and the admin. */
  @Transactional(readOnly = true)
  public void requireReader(Actor by, String key) {
    if (!by.admin() && !member(by, key)) {
      throw Forbidden.because(
          "You are not a member of the product '"
              + key
              + "'; ask its release manager or the admin to add you.");
    }
  }

  /** Whether the person holds a role on the product (remembered for a few seconds). */
  private boolean member(Actor by, String key) {
    return readers.get(
        key + "\u0000" + by.username(), k -> !products.roles(key, by.username()).isEmpty());
  }

  /** Locks the product row until the transaction ends: serialises version numbering. */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public void lock(String key) {
    products.lock(key);
  }

  public boolean exists(String key) {
    return products.exists(key);
  }
}
