package io.tollgate.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Single sign-on with an OpenID Connect provider, as configured by the environment ({@code
 * TOLLGATE_OIDC_ISSUER}, {@code TOLLGATE_OIDC_CLIENT_ID}, {@code TOLLGATE_OIDC_CLIENT_SECRET},
 * {@code TOLLGATE_OIDC_USERNAME_CLAIM}, {@code TOLLGATE_OIDC_GROUPS_CLAIM}, {@code
 * TOLLGATE_OIDC_ROLE_MAPPING}). Off, with no change of behaviour, when the issuer is not set.
 *
 * @param mapping group → the {@code product/role} pairs it grants, from {@code
 *     group:product/role,...}
 */
public record SingleSignOn(
    String issuer,
    String clientId,
    String clientSecret,
    String usernameClaim,
    String groupsClaim,
    Map<String, List<Grant>> mapping) {

  /** The registration id: the provider's redirect URI ends in {@code /login/oauth2/code/oidc}. */
  public static final String REGISTRATION = "oidc";

  /** Where the sign-in page's button starts the flow. */
  public static final String START = "/oauth2/authorization/" + REGISTRATION;

  /** A role on a product granted by a group. */
  public record Grant(String product, String role) {}

  public SingleSignOn {
    issuer = issuer == null ? "" : issuer.strip();
    usernameClaim =
        usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
    groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
    mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
    if (!issuer.isEmpty() && (clientId == null || clientId.isBlank())) {
      throw new IllegalStateException(
          "TOLLGATE_OIDC_ISSUER is set but TOLLGATE_OIDC_CLIENT_ID is not: set both, or neither.");
    }
  }

  public boolean enabled() {
    return !issuer.isEmpty();
  }

  /** The products whose memberships follow the provider's groups: every product in the mapping. */
  public Set<String> mappedProducts() {
    Set<String> products = new LinkedHashSet<>();
    mapping.values().forEach(grants -> grants.forEach(g -> products.add(g.product())));
    return products;
  }

  /**
   * The roles a person with these groups holds on each mapped product; a mapped product they get no
   * role on maps to an empty list (they are removed from it).
   */
  public Map<String, List<String>> rolesFor(List<String> groups) {
    Map<String, Set<String>> roles = new TreeMap<>();
    mappedProducts().forEach(p -> roles.put(p, new LinkedHashSet<>()));
    for (String group : groups) {
      for (Grant grant : mapping.getOrDefault(group, List.of())) {
        roles.get(grant.product()).add(grant.role());
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    roles.forEach((product, held) -> result.put(product, new ArrayList<>(held)));
    return result;
  }

  /**
   * Reads {@code group:product/role} pairs, separated by commas, semicolons or white space; a group
   * may appear more than once.
   */
  public static Map<String, List<Grant>> parseMapping(String text) {
    Map<String, List<Grant>> mapping = new LinkedHashMap<>();
    if (text == null || text.isBlank()) return mapping;
    for (String entry : text.strip().split("[,;\\s]+")) {
      int colon = entry.lastIndexOf(':');
      int slash = entry.lastIndexOf('/');
      if (colon <= 0 || slash <= colon + 1 || slash == entry.length() - 1) {
        throw new IllegalStateException(
            "TOLLGATE_OIDC_ROLE_MAPPING: '"
                + entry
                + "' is not group:product/role (for example octoshop-qa:octoshop/qa-lead).");
      }
      mapping
          .computeIfAbsent(entry.substring(0, colon), g -> new ArrayList<>())
          .add(new Grant(entry.substring(colon + 1, slash), entry.substring(slash + 1)));
    }
    return mapping;
  }
}
