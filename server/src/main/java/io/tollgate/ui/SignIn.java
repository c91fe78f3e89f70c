package io.tollgate.ui;

import io.tollgate.identity.SingleSignOn;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: the password form, and the single sign-on button when an identity provider is
 * configured. Spring Security handles the form post, sign-out and the session; a refused sign-in
 * comes back here with its reason (wrong password, locked out until when, disabled).
 */
@Controller
@Page
class SignIn {
  private final SingleSignOn sso;

  SignIn(SingleSignOn sso) {
    this.sso = sso;
  }

  @GetMapping("/login")
  String login(HttpSession session, Model model) {
    model.addAttribute("sso", sso.enabled() ? SingleSignOn.START : null);
    if (session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
        instanceof AuthenticationException refused) {
      model.addAttribute("refusal", refused.getMessage());
    }
    return "login";
  }
}
