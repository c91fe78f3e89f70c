package io.tollgate.shared;

import java.util.List;

/**
 * A scoped API token lacks the scope a call needs (403): the problem names it in {@code
 * missingScope} (an action such as {@code requirements:meet}, or {@code product:<key>}).
 */
public final class MissingScope extends TollgateException {
  private final String missingScope;

  public MissingScope(String missingScope, String detail) {
    super(detail, List.of());
    this.missingScope = missingScope;
  }

  public String missingScope() {
    return missingScope;
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
