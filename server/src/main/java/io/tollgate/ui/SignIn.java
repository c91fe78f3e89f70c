package io.tollgate.ui;

import io.tollgate.shared.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the form post, sign-out and the session. */
@Controller
@Page
class SignIn {
  @GetMapping("/login")
  String login() {
    return "login";
  }
}
