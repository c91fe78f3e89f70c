package io.tollgate.identity.web;

import io.tollgate.identity.ActionCatalog;
import io.tollgate.identity.IssuedToken;
import io.tollgate.identity.PasswordManagement;
import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.TokenScope;
import io.tollgate.identity.UserManagement;
import io.tollgate.identity.internal.SessionGuard;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account}: a person's own API tokens (a new one is shown once, through a flash attribute
 * that survives exactly one redirect) and their password: changing it needs the current one and
 * ends every other session of theirs.
 */
@Controller
@Page
class AccountPages {
  private final UserManagement users;
  private final TokenManagement tokens;
  private final PasswordManagement passwords;
  private final SessionGuard sessions;
  private final ActionCatalog catalog;

  AccountPages(
      UserManagement users,
      TokenManagement tokens,
      PasswordManagement passwords,
      SessionGuard sessions,
      ActionCatalog catalog) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.sessions = sessions;
    this.catalog = catalog;
  }

  @GetMapping("/account")
  String account(@AuthenticationPrincipal Actor me, Model model) {
    model.addAttribute("user", users.get(me.username()));
    model.addAttribute("tokens", tokens.list(me, me.username()));
    model.addAttribute("scopeActions", new java.util.TreeSet<>(catalog.actions()));
    model.addAttribute("minPassword", PasswordManagement.MIN_PASSWORD);
    return "identity/account";
  }

  /**
   * A new token of one's own. Optional: an expiry date (the token stops at the start of that day,
   * UTC), and a scope: products and actions as comma-separated lists, and read-only.
   */
  @PostMapping("/account/tokens")
  String createToken(
      @AuthenticationPrincipal Actor me,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String expires,
      @RequestParam(defaultValue = "") String products,
      @RequestParam(defaultValue = "false") boolean readOnly,
      @RequestParam(defaultValue = "") String actions,
      RedirectAttributes flash) {
    try {
      IssuedToken token =
          tokens.issue(
              me,
              me.username(),
              name,
              expiry(expires),
              new TokenScope(list(products), readOnly, list(actions)));
      flash.addFlashAttribute("newToken", Secrets.token(token));
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "create-token");
    }
    return "redirect:/account";
  }

  private static java.time.Instant expiry(String date) {
    if (date.isBlank()) return null;
    try {
      return java.time.LocalDate.parse(date.strip())
          .atStartOfDay(java.time.ZoneOffset.UTC)
          .toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw io.tollgate.shared.Invalid.field(
          "expires", "'" + date + "' is not a date; use the form 2026-12-31.");
    }
  }

  private static java.util.List<String> list(String commaSeparated) {
    java.util.List<String> items =
        java.util.Arrays.stream(commaSeparated.split("[,\\s]+"))
            .map(String::strip)
            .filter(x -> !x.isEmpty())
            .toList();
    return items.isEmpty() ? null : items;
  }

  @PostMapping("/account/tokens/{id}/revoke")
  String revokeToken(
      @AuthenticationPrincipal Actor me, @PathVariable String id, RedirectAttributes flash) {
    try {
      tokens.revoke(me, me.username(), id);
      flash.addFlashAttribute("done", "The token is revoked; calls with it now get 401.");
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "revoke-token:" + id);
    }
    return "redirect:/account";
  }

  @PostMapping("/account/password")
  String password(
      @AuthenticationPrincipal Actor me,
      @RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(required = false) String confirm,
      HttpServletRequest request,
      RedirectAttributes flash) {
    try {
      if (confirm != null && !confirm.equals(password)) {
        throw Refused.because("The two new passwords differ; type the same password twice.");
      }
      sessions.adopt(request, passwords.set(me, me.username(), password, current));
      flash.addFlashAttribute(
          "done", "Your password is changed. Your other sessions are signed out.");
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "password");
    }
    return "redirect:/account";
  }
}
