package io.tollgate.automation;

import io.tollgate.shared.SecretTokens;

/** Per-deployment callback tokens: prefixed {@code tgd_}, found by their SHA-256. */
public final class CallbackTokens {
  private CallbackTokens() {}

  public static String newToken() {
    return SecretTokens.generate("tgd_");
  }

  public static String hash(String token) {
    return SecretTokens.hash(token);
  }
}
