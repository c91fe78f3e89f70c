package io.tollgate.identity.web;

import io.tollgate.identity.PasswordLinks;
import io.tollgate.identity.PasswordManagement;
import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code /admin}: the system administrator's pages for people — create users, set a first password
 * or hand out a one-time set-password link, issue and revoke tokens, disable and enable. Products
 * are administered on {@code /admin/products} (the product feature's page: identity knows nothing
 * of products).
 */
@Controller
@Page
class AdminPages {
  private final UserManagement users;
  private final TokenManagement tokens;
  private final PasswordManagement passwords;
  private final PasswordLinks links;

  AdminPages(
      UserManagement users,
      TokenManagement tokens,
      PasswordManagement passwords,
      PasswordLinks links) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.links = links;
  }

  @GetMapping("/admin")
  String users(@AuthenticationPrincipal Actor me, Model model) {
    model.addAttribute("users", users.all(me));
    model.addAttribute("withPassword", users.withPassword(me));
    return "identity/admin-users";
  }

  @PostMapping("/admin/users")
  String create(
      @AuthenticationPrincipal Actor me,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(required = false) String email,
      RedirectAttributes flash) {
    try {
      User user = users.create(me, username.strip(), displayName, email);
      flash.addFlashAttribute(
          "done",
          "Created "
              + user.username()
              + ". Give them a password: set one, or send them a one-time link.");
      return "redirect:/admin/users/" + path(user.username());
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "create-user");
      Map<String, String> draft = new LinkedHashMap<>();
      draft.put("username", username);
      draft.put("displayName", displayName);
      draft.put("email", email == null ? "" : email);
      flash.addFlashAttribute("draft", new LinkedHashMap<>(draft));
      return "redirect:/admin";
    }
  }

  @GetMapping("/admin/users/{username}")
  String user(@AuthenticationPrincipal Actor me, @PathVariable String username, Model model) {
    UserManagement.requireAdmin(me, "Managing users");
    model.addAttribute("user", users.get(username));
    model.addAttribute("tokens", tokens.list(me, username));
    model.addAttribute("hasPassword", users.withPassword(me).contains(username));
    model.addAttribute("minPassword", PasswordManagement.MIN_PASSWORD);
    model.addAttribute("linkHours", PasswordLinks.LIFETIME.toHours());
    return "identity/admin-user";
  }

  @PostMapping("/admin/users/{username}/password")
  String password(
      @AuthenticationPrincipal Actor me,
      @PathVariable String username,
      @RequestParam(defaultValue = "") String password,
      RedirectAttributes flash) {
    try {
      passwords.set(me, username, password, null);
      flash.addFlashAttribute(
          "done",
          "The password of "
              + username
              + " is set and their sessions are ended; tell them through a safe channel.");
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "set-password");
    }
    return "redirect:/admin/users/" + path(username);
  }

  @PostMapping("/admin/users/{username}/password-link")
  String passwordLink(
      @AuthenticationPrincipal Actor me, @PathVariable String username, RedirectAttributes flash) {
    try {
      String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
      flash.addFlashAttribute("newLink", Secrets.link(links.create(me, username), base));
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "password-link");
    }
    return "redirect:/admin/users/" + path(username);
  }

  @PostMapping("/admin/users/{username}/tokens")
  String issueToken(
      @AuthenticationPrincipal Actor me,
      @PathVariable String username,
      @RequestParam(defaultValue = "") String name,
      RedirectAttributes flash) {
    try {
      flash.addFlashAttribute("newToken", Secrets.token(tokens.issue(me, username, name)));
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "create-token");
    }
    return "redirect:/admin/users/" + path(username);
  }

  @PostMapping("/admin/users/{username}/tokens/{id}/revoke")
  String revokeToken(
      @AuthenticationPrincipal Actor me,
      @PathVariable String username,
      @PathVariable String id,
      RedirectAttributes flash) {
    try {
      tokens.revoke(me, username, id);
      flash.addFlashAttribute("done", "The token is revoked.");
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "revoke-token:" + id);
    }
    return "redirect:/admin/users/" + path(username);
  }

  /** Disables (tokens and sessions stop at once) or enables a person again. */
  @PostMapping("/admin/users/{username}/{change:disable|enable}")
  String access(
      @AuthenticationPrincipal Actor me,
      @PathVariable String username,
      @PathVariable String change,
      RedirectAttributes flash) {
    try {
      boolean disable = change.equals("disable");
      User user = disable ? users.disable(me, username) : users.enable(me, username);
      flash.addFlashAttribute(
          "done",
          user.username()
              + (disable
                  ? " is disabled: their tokens and sessions stopped working."
                  : " is enabled again; they sign in anew."));
    } catch (TollgateException e) {
      Secrets.refuse(flash, e, "disable");
    }
    return "redirect:/admin/users/" + path(username);
  }

  private static String path(String segment) {
    return UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8);
  }
}
