package io.tollgate.automation;

import java.util.Locale;

/** What a deployment job does: deploy a release, roll back to another one, or verify. */
public enum DeploymentKind {
  DEPLOY,
  ROLLBACK,
  VERIFY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeploymentKind parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
