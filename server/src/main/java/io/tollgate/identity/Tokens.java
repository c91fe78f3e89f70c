package io.tollgate.identity;

import io.tollgate.shared.SecretTokens;

/** API tokens: prefixed {@code tg_}, stored as SHA-256 hashes ({@link SecretTokens}). */
public final class Tokens {
  private Tokens() {}

  public static String generate() {
    return SecretTokens.generate("tg_");
  }

  public static String hash(String token) {
    return SecretTokens.hash(token);
  }
}
