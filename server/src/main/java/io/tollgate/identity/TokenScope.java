package io.tollgate.identity;

import io.tollgate.shared.Invalid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an API token may do beyond being its user: a scoped token can do only the intersection of
 * this and its user's roles (the roles are checked where each command is, as for any token). Each
 * absent part restricts nothing.
 *
 * @param products the products the token may touch (null: every product of its user)
 * @param readOnly only reads: no command of any kind
 * @param actions the commands it may run, by action name (e.g. {@code requirements:meet}; null:
 *     every command its user may run). Reads need no action.
 */
public record TokenScope(List<String> products, boolean readOnly, List<String> actions) {
  /** Account commands a scoped token never runs, whatever it lists: they could widen it. */
  public static final Set<String> ACCOUNT_ACTIONS =
      Set.of(
          "tokens:issue",
          "tokens:revoke",
          "users:set-password",
          "calendar-tokens:create",
          "calendar-tokens:revoke");

  /** The scope name a token lacks for a call outside every product of its list. */
  public static final String ALL_PRODUCTS = "product:*";

  private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern ACTION = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*(:[a-z][a-z0-9-]*)?");
  private static final int MAX_ITEMS = 100;

  public TokenScope {
    products = products == null ? null : List.copyOf(new LinkedHashSet<>(products));
    actions = actions == null ? null : List.copyOf(new LinkedHashSet<>(actions));
  }

  /** Whether this scope restricts anything (a token with an empty scope is a full token). */
  public boolean restricts() {
    return products != null || readOnly || actions != null;
  }

  /**
   * Checks a scope as asked for: product keys and action names that can be matched, and actions
   * only from {@code known} (the actions the API has). Unknown names are refused rather than
   * silently never matching.
   */
  public void validate(Set<String> known) {
    if (products != null) {
      if (products.isEmpty()) throw Invalid.field("scope.products", emptyList("products"));
      if (products.size() > MAX_ITEMS) throw Invalid.field("scope.products", tooMany("products"));
      for (String p : products) {
        if (p == null || !PRODUCT.matcher(p).matches()) {
          throw Invalid.field("scope.products", "'" + p + "' is not a product key.");
        }
      }
    }
    if (actions != null) {
      if (actions.size() > MAX_ITEMS) throw Invalid.field("scope.actions", tooMany("actions"));
      List<String> unknown = new ArrayList<>();
      for (String a : actions) {
        if (a == null || !ACTION.matcher(a).matches() || !known.contains(a)) {
          unknown.add(String.valueOf(a));
        } else if (ACCOUNT_ACTIONS.contains(a)) {
          throw Invalid.field(
              "scope.actions",
              "'" + a + "' cannot be granted to a scoped token: it could make a wider token.");
        }
      }
      if (!unknown.isEmpty()) {
        throw Invalid.field(
            "scope.actions",
            "Unknown action(s) "
                + String.join(", ", unknown)
                + "; the actions are: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ".");
      }
    }
  }

  /**
   * One call, as the scope sees it.
   *
   * @param read whether it only reads
   * @param action the action name of a command (null for a read)
   * @param productBound whether the call is about one product's things
   * @param product that product, when known (null: not about a product, or not found)
   */
  public record Call(boolean read, String action, boolean productBound, String product) {}

  /** Why the scope refuses a call: the scope it lacks, and a sentence for the problem detail. */
  public record Refusal(String missingScope, String detail) {}

  /** The refusal of a call this scope does not cover; empty when it does. */
  public Optional<Refusal> refusal(Call call) {
    if (products != null) {
      if (call.product() != null && !products.contains(call.product())) {
        return refuse(
            "product:" + call.product(),
            "This token is scoped to the product(s) "
                + String.join(", ", products)
                + ", not to '"
                + call.product()
                + "'.");
      }
      if (call.product() == null && (call.productBound() || !call.read())) {
        return refuse(
            ALL_PRODUCTS,
            "This token is scoped to the product(s) "
                + String.join(", ", products)
                + "; this call is not about one of them.");
      }
    }
    if (call.read()) return Optional.empty();
    if (ACCOUNT_ACTIONS.contains(call.action())) {
      return refuse(
          call.action(),
          "A scoped token cannot run '"
              + call.action()
              + "': use the web UI or a token without a scope.");
    }
    if (readOnly) {
      return refuse(call.action(), "This token is read-only; '" + call.action() + "' changes.");
    }
    if (actions != null && !actions.contains(call.action())) {
      return refuse(
          call.action(),
          "This token's scope does not include the action '"
              + call.action()
              + "'"
              + (actions.isEmpty() ? "" : " (it has " + String.join(", ", actions) + ")")
              + ".");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(String missing, String detail) {
    return Optional.of(
        new Refusal(missing, detail + " Missing scope: '" + missing + "'; issue a token with it."));
  }

  private static String emptyList(String what) {
    return "An empty list of " + what + " allows nothing; leave it out to allow every one.";
  }

  private static String tooMany(String what) {
    return "At most " + MAX_ITEMS + " " + what + ".";
  }
}
