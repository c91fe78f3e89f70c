package io.tollgate.notify.internal;

import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.notify.Audience;
import io.tollgate.product.Member;
import io.tollgate.product.ProductManagement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The addresses an email audience stands for now: {@code role:x} the product's members holding the
 * role, {@code user:x} that person, {@code stakeholders} the product's list, {@code customers}
 * support's customer list, an address itself. Disabled people, people without an address, and
 * people who do not want this event of this product by email (their {@link
 * io.tollgate.notify.Preferences}) are left out.
 */
@Component
class Recipients {
  private final ProductManagement products;
  private final UserManagement users;
  private final StakeholderStore stakeholders;
  private final CustomerListStore customers;
  private final PreferenceStore preferences;

  Recipients(
      ProductManagement products,
      UserManagement users,
      StakeholderStore stakeholders,
      CustomerListStore customers,
      PreferenceStore preferences) {
    this.products = products;
    this.users = users;
    this.stakeholders = stakeholders;
    this.customers = customers;
    this.preferences = preferences;
  }

  /**
   * @param facts the message's data (a handoff's {@code to} names the receiving role)
   */
  List<String> of(
      String product, List<String> audience, String type, java.util.Map<String, Object> facts) {
    Set<String> out = new LinkedHashSet<>();
    List<Member> members = null;
    for (String entry : audience) {
      if (entry.equals("stakeholders")) {
        out.addAll(stakeholders.of(product));
      } else if (entry.equals("customers")) {
        out.addAll(customers.of(product));
      } else if (entry.startsWith("role:") || entry.equals(Audience.RECEIVING_ROLE)) {
        Object role = entry.startsWith("role:") ? entry.substring(5) : facts.get("to");
        if (role == null) continue;
        if (members == null) members = products.find(product).members();
        for (Member m : members) {
          if (m.roles().contains(role.toString())) person(m.username(), product, type, out);
        }
      } else if (entry.startsWith("user:")) {
        person(entry.substring(5), product, type, out);
      } else {
        out.add(entry);
      }
    }
    return List.copyOf(out);
  }

  /** The person's address, unless disabled, without one, or not wanting this by email. */
  private void person(String username, String product, String type, Set<String> out) {
    if (!preferences.of(username).wantsEmail(product, type)) return;
    users
        .find(username)
        .filter(u -> !u.disabled())
        .map(User::email)
        .filter(e -> e != null && !e.isBlank())
        .ifPresent(out::add);
  }
}
