package io.tollgate.identity.web;

import io.tollgate.identity.IssuedToken;
import io.tollgate.identity.PasswordLink;
import io.tollgate.shared.TollgateException;
import java.io.Serializable;
import java.time.Instant;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the identity pages carry across one redirect: a secret to show once, or a refusal to show in
 * place. Flash attributes live in the session, so they are small serialisable records.
 */
final class Secrets {
  private Secrets() {}

  /** A secret shown once: a new API token or a set-password link. */
  record Shown(String username, String name, String value, Instant expiresAt)
      implements Serializable {}

  static Shown token(IssuedToken t) {
    return new Shown(t.username(), t.name(), t.token(), null);
  }

  static Shown link(PasswordLink link, String baseUrl) {
    return new Shown(
        link.username(),
        "set-password link",
        baseUrl + "/set-password/" + link.token(),
        link.expiresAt());
  }

  static void refuse(RedirectAttributes flash, TollgateException e, String at) {
    flash.addFlashAttribute("refusal", e.getMessage());
    flash.addFlashAttribute("refusalAt", at);
  }
}
