package io.tollgate.shared;

import java.util.Collection;
import java.util.List;

/** The caller is known but lacks the role or permission (403). */
public final class Forbidden extends TollgateException {
  private Forbidden(String detail) {
    super(detail, List.of());
  }

  public static Forbidden because(String detail) {
    return new Forbidden(detail);
  }

  /** Names what needs which role and what the caller holds, so they know whom to ask. */
  public static Forbidden needsRole(
      String role, String what, String username, Collection<String> held) {
    return new Forbidden(
        what
            + " needs the role '"
            + role
            + "'; "
            + username
            + (held.isEmpty()
                ? " holds no role on this product."
                : " holds " + String.join(", ", held) + ".")
            + " Ask an admin or a release manager of the product to add the role.");
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String title() {
    return "Forbidden";
  }
}
