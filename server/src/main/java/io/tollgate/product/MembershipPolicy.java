package io.tollgate.product;

import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may change whose roles on a product. The rules, in order:
 *
 * <ol>
 *   <li>Nobody changes their own roles, the admin included: a person cannot hand themselves the
 *       roles whose work they are meant to check.
 *   <li>Granting the role that owns the go/no-go decision (release-manager in the built-in process)
 *       is the admin's.
 *   <li>Any other change is for the admin or a holder of that role.
 *   <li>The last holder of a role that the product's open releases still need cannot lose it (409
 *       naming the role and the releases): their work would have no one to do it.
 * </ol>
 *
 * <p>An actor that is not a person changes roles only through a grant. The one grant is {@link
 * #IDENTITY_PROVIDER}'s: the role mapping the administrator configured for single sign-on sets the
 * roles of the people who sign in through the provider (any role, the release manager's included,
 * since the mapping is the administrator's). It is held to the last-holder rule like everyone.
 *
 * @param managerRole the role that owns the decision step of the product's process
 * @param neededRoles the roles that own work (a requirement, a step, a handoff, a playbook step) in
 *     the product's process
 */
public record MembershipPolicy(String product, String managerRole, Set<String> neededRoles) {
  /**
   * The identity provider's role mapping ({@code TOLLGATE_OIDC_ROLE_MAPPING}) acting on sign-in: an
   * integration, recorded in the audit log as {@code oidc} of kind {@code integration}.
   */
  public static final Actor IDENTITY_PROVIDER = Actor.integration("oidc");

  /** Whether the actor holds a grant to change memberships without being a person. */
  public static boolean granted(Actor by) {
    return IDENTITY_PROVIDER.equals(by);
  }

  /**
   * Refuses the change of {@code username}'s roles from {@code current} to {@code next} by {@code
   * by}, or returns normally.
   *
   * @param byRoles the roles the actor holds on the product
   * @param holders for each role, who holds it now
   * @param openReleases the versions of the product's releases that are not closed, rolled back or
   *     cancelled
   */
  public void check(
      Actor by,
      Set<String> byRoles,
      String username,
      Set<String> current,
      Set<String> next,
      Map<String, Set<String>> holders,
      List<String> openReleases) {
    if (!by.isPerson()) {
      if (!granted(by)) {
        throw Forbidden.because(
            "Changing members of '"
                + product
                + "' is not granted to the "
                + by.kind().id()
                + " "
                + by.username()
                + "; only people and the identity provider's role mapping change roles.");
      }
      lastHolders(username, current, next, holders, openReleases);
      return;
    }
    if (by.username().equals(username)) {
      throw Forbidden.because(
          "Nobody changes their own roles, on '"
              + product
              + "' or anywhere; ask "
              + (by.admin() ? "another administrator" : "the admin or another " + managerRole)
              + " to do it.");
    }
    if (!by.admin() && !byRoles.contains(managerRole)) {
      throw Forbidden.because(
          "Changing members of '"
              + product
              + "' is for the system administrator or a "
              + managerRole
              + " of the product.");
    }
    if (!by.admin() && next.contains(managerRole) && !current.contains(managerRole)) {
      throw Forbidden.because(
          "Granting the role '"
              + managerRole
              + "' is for the system administrator only; a "
              + managerRole
              + " may give and take the other roles.");
    }
    lastHolders(username, current, next, holders, openReleases);
  }

  private void lastHolders(
      String username,
      Set<String> current,
      Set<String> next,
      Map<String, Set<String>> holders,
      List<String> openReleases) {
    if (openReleases.isEmpty()) return;
    List<String> orphaned = new ArrayList<>();
    for (String role : new TreeSet<>(current)) {
      if (next.contains(role) || !neededRoles.contains(role)) continue;
      Set<String> others = new TreeSet<>(holders.getOrDefault(role, Set.of()));
      others.remove(username);
      if (others.isEmpty()) orphaned.add(role);
    }
    if (!orphaned.isEmpty()) {
      throw Refused.because(
          username
              + " is the last holder of "
              + (orphaned.size() == 1 ? "the role '" : "the roles '")
              + String.join("', '", orphaned)
              + "' on '"
              + product
              + "', which the open "
              + (openReleases.size() == 1 ? "release " : "releases ")
              + (openReleases.size() <= 10
                  ? String.join(", ", openReleases)
                  : String.join(", ", openReleases.subList(0, 10))
                      + " and "
                      + (openReleases.size() - 10)
                      + " more")
              + " still "
              + (openReleases.size() == 1 ? "needs" : "need")
              + ". Give the role to someone else first, or close or cancel the "
              + (openReleases.size() == 1 ? "release." : "releases."));
    }
  }
}
