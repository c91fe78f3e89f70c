package io.tollgate.freeze.web;

import io.tollgate.freeze.Freeze;
import io.tollgate.freeze.FreezeOccurrence;
import io.tollgate.freeze.FreezeOverrides;
import io.tollgate.freeze.FreezeSchedule;
import io.tollgate.freeze.Freezes;
import io.tollgate.freeze.NewFreeze;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The freezes page ({@code /freezes}): the freezes the caller may see with their next occurrence, a
 * form to create one (the admin; release managers for their products) and delete buttons; and the
 * release page's override forms (request, approve).
 */
@Controller
@Page
class FreezePages {
  private final Freezes freezes;
  private final FreezeOverrides overrides;
  private final Clock clock;
  private final io.tollgate.release.ReleaseManagement releases;
  private final io.tollgate.product.ProductManagement products;
  private final io.tollgate.release.ReleaseFreezes releaseFreezes;

  FreezePages(
      Freezes freezes,
      FreezeOverrides overrides,
      Clock clock,
      io.tollgate.release.ReleaseManagement releases,
      io.tollgate.product.ProductManagement products,
      io.tollgate.release.ReleaseFreezes releaseFreezes) {
    this.releaseFreezes = releaseFreezes;
    this.releases = releases;
    this.products = products;
    this.freezes = freezes;
    this.overrides = overrides;
    this.clock = clock;
  }

  /** A row of the list: the freeze, its current or next occurrence (null: none in a year). */
  record Row(Freeze freeze, FreezeOccurrence next, boolean now, boolean mayDelete) {}

  @GetMapping("/freezes")
  String list(@AuthenticationPrincipal Actor me, Model model) {
    Instant now = Instant.now(clock);
    List<Row> rows =
        freezes.list(me).stream()
            .map(
                f -> {
                  FreezeOccurrence next =
                      FreezeSchedule.occurrences(f, now, now.plus(Duration.ofDays(366))).stream()
                          .findFirst()
                          .orElse(null);
                  return new Row(
                      f,
                      next,
                      next != null && !next.start().isAfter(now),
                      freezes.mayManage(me, f.products()));
                })
            .toList();
    model.addAttribute("rows", rows);
    model.addAttribute("manageable", freezes.manageable(me));
    model.addAttribute("admin", me.admin());
    return "freeze/list";
  }

  /**
   * Banners for the board and a product page: the freezes of the caller's products (or of {@code
   * product}) that hold now or begin in the next two weeks.
   */
  @GetMapping("/freezes/banner")
  String banner(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String product,
      Model model) {
    Instant now = Instant.now(clock);
    List<String> keys =
        product == null || product.isBlank()
            ? products.visibleTo(me).stream().map(io.tollgate.product.Product::key).toList()
            : List.of(products.get(me, product).key());
    model.addAttribute(
        "occurrences",
        keys.isEmpty() ? List.of() : freezes.occurrences(now, now.plus(Duration.ofDays(14)), keys));
    model.addAttribute("now", now);
    return "freeze/banner :: banner";
  }

  @PostMapping("/freezes")
  String create(
      @AuthenticationPrincipal Actor me,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String start,
      @RequestParam(defaultValue = "") String end,
      @RequestParam(defaultValue = "") String rrule,
      @RequestParam(defaultValue = "UTC") String timezone,
      @RequestParam(required = false) List<String> products,
      RedirectAttributes flash) {
    try {
      Freeze f =
          freezes.create(
              me,
              new NewFreeze(
                  reason,
                  start,
                  end,
                  rrule.isBlank() ? null : rrule,
                  timezone,
                  products == null || products.isEmpty() ? null : products));
      flash.addFlashAttribute("done", "Production is frozen: " + f.reason() + ".");
    } catch (TollgateException e) {
      flash.addFlashAttribute("problem", "The freeze is not saved: " + e.getMessage());
    }
    return "redirect:/freezes";
  }

  @PostMapping("/freezes/{id}/delete")
  String delete(
      @AuthenticationPrincipal Actor me, @PathVariable String id, RedirectAttributes flash) {
    try {
      freezes.delete(me, id);
      flash.addFlashAttribute("done", "The freeze is deleted.");
    } catch (TollgateException e) {
      flash.addFlashAttribute("problem", "Not deleted: " + e.getMessage());
    }
    return "redirect:/freezes";
  }

  /** The release page's freeze panel: freezes now or in the next two weeks, and overrides. */
  record OverrideRow(
      io.tollgate.freeze.FreezeOverride override, String freezeReason, boolean mayApprove) {}

  @GetMapping("/releases/{id}/freeze")
  String panel(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    io.tollgate.release.Release release = releases.get(me, id);
    Instant now = Instant.now(clock);
    var ahead = releaseFreezes.ahead(release, Duration.ofDays(14));
    boolean manager = overrides.isManager(me, release);
    List<OverrideRow> rows =
        overrides.ofRelease(me, id).stream()
            .map(
                o ->
                    new OverrideRow(
                        o,
                        overrides.freezeReason(o.freeze()),
                        manager && !o.approved() && !o.requestedBy().equals(me.username())))
            .toList();
    model.addAttribute("windowWarnings", releaseFreezes.windowWarnings(release));
    model.addAttribute("releaseId", id);
    model.addAttribute("periods", ahead);
    model.addAttribute("now", now);
    model.addAttribute("overrides", rows);
    model.addAttribute("mayRequest", manager && !ahead.isEmpty() && !release.status().isFinished());
    return "freeze/release :: panel";
  }

  @PostMapping("/releases/{id}/freeze-override")
  String request(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(required = false) String freeze,
      RedirectAttributes flash) {
    try {
      overrides.request(me, id, reason, freeze == null || freeze.isBlank() ? null : freeze);
      flash.addFlashAttribute(
          "done", "Override requested: a second release manager of the product approves it.");
    } catch (TollgateException e) {
      flash.addFlashAttribute("problem", "No override requested: " + e.getMessage());
    }
    return "redirect:/releases/" + UriUtils.encodePathSegment(id, "UTF-8");
  }

  @PostMapping("/freeze-overrides/{id}/approve")
  String approve(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam String release,
      RedirectAttributes flash) {
    try {
      overrides.approve(me, id);
      flash.addFlashAttribute(
          "done", "Override approved: the release may deploy during the freeze.");
    } catch (TollgateException e) {
      flash.addFlashAttribute("problem", "Not approved: " + e.getMessage());
    }
    return "redirect:/releases/" + UriUtils.encodePathSegment(release, "UTF-8");
  }
}
