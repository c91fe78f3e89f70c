package io.tollgate.automation;

import io.tollgate.shared.TollgateException;
import java.util.List;

/** A pipeline's callback without its deployment's token: 401 (none, unknown) or 403 (another's). */
public final class CallbackRefused extends TollgateException {
  private final int status;

  private CallbackRefused(int status, String detail) {
    super(detail, List.of());
    this.status = status;
  }

  public static CallbackRefused unauthenticated(String detail) {
    return new CallbackRefused(401, detail);
  }

  public static CallbackRefused forbidden(String detail) {
    return new CallbackRefused(403, detail);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return status == 401 ? "Unauthenticated" : "Forbidden";
  }
}
