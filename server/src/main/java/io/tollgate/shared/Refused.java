package io.tollgate.shared;

import java.util.List;

/** The command conflicts with the current state: wrong order, duplicate, stale revision (409). */
public final class Refused extends TollgateException {
  private Refused(String detail, List<Blocker> blockers) {
    super(detail, blockers);
  }

  public static Refused because(String detail) {
    return new Refused(detail, List.of());
  }

  public static Refused because(String detail, List<Blocker> blockers) {
    return new Refused(detail, blockers);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String title() {
    return "Conflict with the current state";
  }
}
