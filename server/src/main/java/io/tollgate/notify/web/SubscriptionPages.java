package io.tollgate.notify.web;

import io.tollgate.notify.ChannelRequest;
import io.tollgate.notify.CustomerLists;
import io.tollgate.notify.Delivery;
import io.tollgate.notify.NotificationManagement;
import io.tollgate.notify.Subscription;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The notifications part of a product page ({@code /products/<key>/notifications}, an htmx
 * fragment): the product's subscriptions, the deliveries given up on (dead) with their error, the
 * stakeholder list and support's customer list. Members see them; the release manager and the admin
 * subscribe, unsubscribe, retry and keep the stakeholder list; support, the release manager and the
 * admin keep the customer list. A refusal comes back to the product page as a readable sentence,
 * and nothing is half-saved.
 */
@Controller
@Page
class SubscriptionPages {
  private final NotificationManagement notifications;
  private final CustomerLists customers;
  private final ProductManagement products;

  SubscriptionPages(
      NotificationManagement notifications, CustomerLists customers, ProductManagement products) {
    this.notifications = notifications;
    this.customers = customers;
    this.products = products;
  }

  /** A subscription as the page lists it. */
  record Row(
      String id, String events, String kind, String target, boolean isDefault, String createdBy) {}

  /** A dead delivery as the page lists it; {@code retryable} while its subscription exists. */
  record Dead(Delivery delivery, String subscription, boolean retryable) {}

  @GetMapping("/products/{key}/notifications")
  String fragment(@AuthenticationPrincipal Actor me, @PathVariable String key, Model model) {
    List<Subscription> subscriptions = notifications.subscriptions(me, key);
    Map<String, Row> rows = new HashMap<>();
    List<Row> listed =
        subscriptions.stream()
            .map(
                s -> {
                  Row r = row(s);
                  rows.put(s.id(), r);
                  return r;
                })
            .toList();
    List<Dead> dead =
        notifications.deliveries(me, key, "dead").stream()
            .map(
                d -> {
                  Row r = rows.get(d.subscription());
                  return new Dead(
                      d,
                      r == null ? "a deleted subscription" : r.kind() + " " + r.target(),
                      r != null);
                })
            .toList();
    model.addAttribute("key", key);
    model.addAttribute("subscriptions", listed);
    model.addAttribute("dead", dead);
    model.addAttribute("customers", String.join("\n", customers.of(me, key)));
    model.addAttribute("stakeholders", String.join("\n", notifications.stakeholders(me, key)));
    model.addAttribute("canManage", products.mayManageMembers(me, key));
    model.addAttribute("canKeepCustomers", customers.mayKeep(me, key));
    return "notify/product :: notifications";
  }

  @PostMapping("/products/{key}/notifications/subscriptions")
  String subscribe(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String events,
      @RequestParam(defaultValue = "") String kind,
      @RequestParam(defaultValue = "") String url,
      @RequestParam(defaultValue = "") String secret,
      @RequestParam(defaultValue = "") String to,
      RedirectAttributes flash) {
    ChannelRequest channel =
        new ChannelRequest(
            kind.strip(),
            blankToNull(url),
            kind.equals("webhook") ? blankToNull(secret) : null,
            kind.equals("email") ? entries(to) : null);
    return act(
        key,
        flash,
        "Not subscribed",
        () -> {
          var made = notifications.subscribe(me, key, entries(events), channel);
          return "Subscribed "
              + made.subscription().channel().kind()
              + " to "
              + String.join(", ", made.subscription().events())
              + "."
              + (made.secret() != null
                  ? " Its webhook secret, shown this once: " + made.secret()
                  : "");
        });
  }

  @PostMapping("/products/{key}/notifications/subscriptions/{id}/delete")
  String unsubscribe(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @PathVariable String id,
      RedirectAttributes flash) {
    return act(
        key,
        flash,
        "Not removed",
        () -> {
          notifications.unsubscribe(me, key, id);
          return "The subscription is removed.";
        });
  }

  @PostMapping("/products/{key}/notifications/deliveries/{id}/retry")
  String retry(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @PathVariable long id,
      RedirectAttributes flash) {
    return act(
        key,
        flash,
        "Not retried",
        () -> {
          Delivery d = notifications.retry(me, id);
          return "Delivery " + d.id() + " (" + d.type() + ") will be sent again.";
        });
  }

  @PostMapping("/products/{key}/notifications/stakeholders")
  String setStakeholders(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String emails,
      RedirectAttributes flash) {
    return act(
        key,
        flash,
        "The stakeholder list is not saved",
        () ->
            "The stakeholder list holds "
                + notifications.setStakeholders(me, key, entries(emails)).size()
                + " address(es).");
  }

  @PostMapping("/products/{key}/notifications/customers")
  String setCustomers(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String emails,
      RedirectAttributes flash) {
    return act(
        key,
        flash,
        "The customer list is not saved",
        () ->
            "The customer list holds "
                + customers.set(me, key, entries(emails)).size()
                + " address(es).");
  }

  private interface Work {
    String run();
  }

  /** Runs the change; its sentence, or the refusal's, comes back to the product page. */
  private static String act(String key, RedirectAttributes flash, String failed, Work work) {
    try {
      flash.addFlashAttribute("done", work.run());
    } catch (TollgateException e) {
      String where =
          e instanceof Invalid i && i.field() != null ? label(i.field(), failed) + ": " : "";
      flash.addFlashAttribute("refusal", failed + ". " + where + e.getMessage());
      flash.addFlashAttribute("refusalAt", "notifications");
    }
    return "redirect:/products/"
        + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8)
        + "#notifications";
  }

  /** The form's name for a field the API names ({@code channel.to[1]}: "Recipients, entry 2"). */
  static String label(String field, String failed) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*)\\[(\\d+)]").matcher(field);
    String base = m.matches() ? m.group(1) : field;
    String name =
        switch (base) {
          case "events" -> "Events";
          case "channel.kind" -> "Channel";
          case "channel.url" -> "URL";
          case "channel.secret" -> "Webhook secret";
          case "channel.to" -> "Recipients";
          case "emails" -> failed.contains("stakeholder") ? "Stakeholder list" : "Customer list";
          default -> base;
        };
    return m.matches() ? name + ", entry " + (Integer.parseInt(m.group(2)) + 1) : name;
  }

  private static Row row(Subscription s) {
    NotificationApi.ChannelView c = NotificationApi.view(s, null).channel();
    String target = c.to() != null ? String.join(", ", c.to()) : c.url();
    return new Row(
        s.id(), String.join(", ", s.events()), c.kind(), target, s.isDefault(), s.createdBy());
  }

  /** Entries written one a line or separated by commas or spaces. */
  private static List<String> entries(String text) {
    return Arrays.stream(text.split("[,\\s]+"))
        .map(String::strip)
        .filter(e -> !e.isEmpty())
        .toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
