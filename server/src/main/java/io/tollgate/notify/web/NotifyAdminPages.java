package io.tollgate.notify.web;

import io.tollgate.identity.UserManagement;
import io.tollgate.notify.Audience;
import io.tollgate.notify.internal.Mailer;
import io.tollgate.notify.internal.SendFailed;
import io.tollgate.shared.Actor;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.web.Page;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/notifications}: where email goes (the SMTP server from {@code TOLLGATE_SMTP_*}),
 * whether outbound URLs may reach private networks, and a "send test message" button.
 */
@Controller
@Page
class NotifyAdminPages {
  private final Mailer mailer;
  private final OutboundUrls urls;
  private final UserManagement users;

  NotifyAdminPages(Mailer mailer, OutboundUrls urls, UserManagement users) {
    this.mailer = mailer;
    this.urls = urls;
    this.users = users;
  }

  @GetMapping("/admin/notifications")
  String page(@AuthenticationPrincipal Actor me, Model model) {
    UserManagement.requireAdmin(me, "Administering notifications");
    model.addAttribute("configured", mailer.configured());
    model.addAttribute("server", mailer.server());
    model.addAttribute("from", mailer.from());
    model.addAttribute("privateAllowed", urls.privateRangesAllowed());
    model.addAttribute("allowedHosts", urls.allowedHosts());
    model.addAttribute("myEmail", users.find(me.username()).map(u -> u.email()).orElse(""));
    return "notify/admin";
  }

  @PostMapping("/admin/notifications/test")
  String test(
      @AuthenticationPrincipal Actor me,
      @RequestParam(defaultValue = "") String to,
      RedirectAttributes flash) {
    UserManagement.requireAdmin(me, "Administering notifications");
    String address = to.strip();
    if (!Audience.isAddress(address)) {
      flash.addFlashAttribute("refusal", "'" + address + "' is not an email address.");
      return "redirect:/admin/notifications";
    }
    try {
      mailer.send(
          List.of(address),
          "[Tollgate] Test message",
          "This is a test message from Tollgate, sent by " + me.username() + ".\n",
          "<p>This is a test message from Tollgate, sent by "
              + org.springframework.web.util.HtmlUtils.htmlEscape(me.username())
              + ".</p>");
      flash.addFlashAttribute("done", "Sent a test message to " + address + ".");
    } catch (SendFailed f) {
      flash.addFlashAttribute("refusal", "The test message was not sent: " + f.getMessage());
    }
    return "redirect:/admin/notifications";
  }
}
