package io.tollgate.release.web;

import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.NewRelease;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.Window;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Planning a release from the product: the form, the proposed version, and the plan itself. */
@Controller
@Page
class PlanPages {
  private final ReleaseManagement releases;
  private final ProductManagement products;

  PlanPages(ReleaseManagement releases, ProductManagement products) {
    this.releases = releases;
    this.products = products;
  }

  @GetMapping("/products/{key}/releases/new")
  String newRelease(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "minor") String type,
      Model model) {
    Product product = products.get(me, key);
    model.addAttribute("product", product);
    model.addAttribute("type", type);
    model.addAttribute("proposed", proposed(me, key, type));
    model.addAttribute("form", Map.of());
    return "release/new";
  }

  @GetMapping("/products/{key}/releases/next-version")
  String nextVersion(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam String type,
      Model model) {
    model.addAttribute("proposed", proposed(me, key, type));
    return "release/new :: proposed";
  }

  @PostMapping("/products/{key}/releases")
  String create(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam Map<String, String> form,
      Model model) {
    try {
      Window window = window(form.get("windowStart"), form.get("windowEnd"));
      Release release =
          releases.plan(
              me,
              key,
              new NewRelease(
                  form.get("type"),
                  blank(form.get("version")),
                  blank(form.get("name")),
                  blank(form.get("summary")),
                  window,
                  null));
      return "redirect:/releases/" + release.id();
    } catch (TollgateException refused) {
      model.addAttribute("product", products.get(me, key));
      model.addAttribute("type", form.getOrDefault("type", "minor"));
      model.addAttribute("proposed", proposed(me, key, form.getOrDefault("type", "minor")));
      model.addAttribute("form", form);
      model.addAttribute("refusal", refused);
      return "release/new";
    }
  }

  private String proposed(Actor me, String key, String type) {
    try {
      return releases.proposeVersion(me, key, type);
    } catch (TollgateException e) {
      return "";
    }
  }

  private static Window window(String start, String end) {
    Instant s = instant(start, "windowStart");
    Instant e = instant(end, "windowEnd");
    return s == null && e == null ? null : new Window(s, e);
  }

  private static Instant instant(String value, String field) {
    if (value == null || value.isBlank()) return null;
    try {
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Invalid.because(
          "'" + value + "' is not a date and time for " + field + " (use YYYY-MM-DDTHH:MM, UTC).");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
