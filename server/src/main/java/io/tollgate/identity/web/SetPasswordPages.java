package io.tollgate.identity.web;

import io.tollgate.identity.PasswordLinks;
import io.tollgate.identity.PasswordManagement;
import io.tollgate.shared.Refused;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /set-password/<token>}: the public page behind a one-time link from the administrator. An
 * unknown, used or expired link says so in place, with what to do next.
 */
@Controller
@Page
class SetPasswordPages {
  private final PasswordLinks links;

  SetPasswordPages(PasswordLinks links) {
    this.links = links;
  }

  @GetMapping("/set-password/{token}")
  String form(@PathVariable String token, Model model, HttpServletResponse response) {
    model.addAttribute("token", token);
    model.addAttribute("minPassword", PasswordManagement.MIN_PASSWORD);
    try {
      model.addAttribute("username", links.userOf(token));
    } catch (TollgateException e) {
      return refused(e, model, response);
    }
    return "identity/set-password";
  }

  @PostMapping("/set-password/{token}")
  String set(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String confirm,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("token", token);
    model.addAttribute("minPassword", PasswordManagement.MIN_PASSWORD);
    try {
      String username = links.userOf(token);
      model.addAttribute("username", username);
      if (!password.equals(confirm)) {
        throw Refused.because("The two passwords differ; type the same password twice.");
      }
      links.use(token, password);
      return "redirect:/login?passwordSet";
    } catch (TollgateException e) {
      return refused(e, model, response);
    }
  }

  private static String refused(TollgateException e, Model model, HttpServletResponse response) {
    response.setStatus(e.status());
    model.addAttribute("refusal", e.getMessage());
    return "identity/set-password";
  }
}
