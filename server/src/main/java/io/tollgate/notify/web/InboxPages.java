package io.tollgate.notify.web;

import io.tollgate.notify.EventTypes;
import io.tollgate.notify.Inbox;
import io.tollgate.notify.Preferences;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /notifications}: the person's menu of what waits on them, their preferences, and the way
 * from a message to its page: {@code /notifications/{id}} needs the person's own session (it leads
 * through sign-in), marks the entry read and opens the page, or says the message is no longer
 * current when someone else already acted. Opening decides nothing.
 */
@Controller
@Page
class InboxPages {
  private final Inbox inbox;
  private final InboxLive live;
  private final ProductManagement products;

  InboxPages(Inbox inbox, InboxLive live, ProductManagement products) {
    this.inbox = inbox;
    this.live = live;
    this.products = products;
  }

  @GetMapping("/notifications")
  String page(@AuthenticationPrincipal Actor me, Model model) {
    model.addAttribute("entries", inbox.entries(me));
    model.addAttribute("unread", inbox.unread(me.username()));
    model.addAttribute("preferences", inbox.preferences(me));
    model.addAttribute("types", EventTypes.ALL);
    model.addAttribute("products", products.visibleTo(me));
    return "notify/inbox";
  }

  @GetMapping("/notifications/{id}")
  String open(@AuthenticationPrincipal Actor me, @PathVariable long id, Model model) {
    Inbox.Opened opened = inbox.open(me, id);
    live.changed(me.username());
    if (opened.stale() == null) return "redirect:" + opened.entry().link();
    model.addAttribute("title", opened.entry().title());
    model.addAttribute("stale", opened.stale());
    model.addAttribute("link", opened.entry().link());
    return "notify/stale";
  }

  /** A signed link from a "your turn" message, followed by its signed-in person. */
  @GetMapping("/go/{token}")
  String follow(@AuthenticationPrincipal Actor me, @PathVariable String token, Model model) {
    Inbox.Followed followed = inbox.follow(me, token);
    live.changed(me.username());
    if (followed.problem() == null) return "redirect:" + followed.link();
    model.addAttribute("title", null);
    model.addAttribute("stale", followed.problem());
    model.addAttribute("link", followed.link());
    return "notify/stale";
  }

  @PostMapping("/notifications/read-all")
  String readAll(@AuthenticationPrincipal Actor me) {
    inbox.readAll(me);
    live.changed(me.username());
    return "redirect:/notifications";
  }

  @PostMapping("/notifications/preferences")
  String preferences(
      @AuthenticationPrincipal Actor me,
      @RequestParam(name = "emailOff", required = false) List<String> emailOff,
      @RequestParam(name = "muted", required = false) List<String> muted,
      RedirectAttributes flash) {
    try {
      Preferences p = inbox.setPreferences(me, emailOff, muted);
      flash.addFlashAttribute(
          "done",
          "Saved: "
              + p.emailOff().size()
              + " event type(s) not by email, "
              + p.mutedProducts().size()
              + " product(s) muted.");
    } catch (TollgateException e) {
      flash.addFlashAttribute("refusal", e.getMessage());
    }
    return "redirect:/notifications";
  }

  /** The unread count, live: the menu's badge listens to it on every page. */
  @GetMapping(path = "/live/inbox", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter stream(@AuthenticationPrincipal Actor me) {
    return live.subscribe(me.username());
  }
}
