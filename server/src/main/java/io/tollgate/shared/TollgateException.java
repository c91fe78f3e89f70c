package io.tollgate.shared;

import java.util.List;

/**
 * The root of every refusal Tollgate makes on purpose. Each subclass maps to one HTTP status and
 * carries a detail a person can act on.
 */
public abstract class TollgateException extends RuntimeException {
  private final List<Blocker> blockers;

  protected TollgateException(String detail, List<Blocker> blockers) {
    super(detail);
    this.blockers = List.copyOf(blockers);
  }

  /** The HTTP status this refusal is reported with. */
  public abstract int status();

  /** A short, stable title for the kind of problem. */
  public abstract String title();

  public List<Blocker> blockers() {
    return blockers;
  }
}
