package io.tollgate.release.web;

import io.tollgate.audit.AuditLog;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Evidence;
import io.tollgate.release.IncidentLookup;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Fmt;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The release page and its forms. Every form goes through {@link ReleaseManagement}; which forms
 * appear, enabled or disabled with their blockers, comes from the commands' own checks; a refusal
 * is shown in place with its reason and blockers.
 */
@Controller
@Page
class ReleasePages {
  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final IncidentLookup incidents;
  private final io.tollgate.release.CustomerIssueCounts customerIssues;
  private final AuditLog audit;
  private final Fmt fmt;
  private final io.tollgate.release.ReleaseDeployments deployments;

  ReleasePages(
      ReleaseManagement releases,
      ProductManagement products,
      IncidentLookup incidents,
      io.tollgate.release.CustomerIssueCounts customerIssues,
      AuditLog audit,
      Fmt fmt,
      io.tollgate.release.ReleaseDeployments deployments) {
    this.deployments = deployments;
    this.releases = releases;
    this.products = products;
    this.incidents = incidents;
    this.customerIssues = customerIssues;
    this.audit = audit;
    this.fmt = fmt;
  }

  @GetMapping("/releases/{id}")
  String page(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    fill(me, releases.get(me, id), model);
    return "release/release";
  }

  @GetMapping("/releases/{id}/main")
  String main(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    fill(me, releases.get(me, id), model);
    return "release/release :: releaseMain";
  }

  @PostMapping("/releases/{id}/requirements/{key}/meet")
  String meet(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String url,
      @RequestParam(required = false) String note,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "meet:" + key,
        request,
        model,
        () -> releases.meet(me, id, key, Evidence.of(blank(url), blank(note)), null));
  }

  @PostMapping("/releases/{id}/steps/{key}/complete")
  String complete(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String note,
      @RequestParam(required = false) String url,
      @RequestParam(required = false) String outcome,
      HttpServletRequest request,
      Model model) {
    Evidence evidence = blank(url) == null ? null : Evidence.of(blank(url), null);
    return act(
        me,
        id,
        "complete:" + key,
        request,
        model,
        () -> releases.complete(me, id, key, blank(note), evidence, blank(outcome), null));
  }

  @PostMapping("/releases/{id}/steps/{key}/skip")
  String skip(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String reason,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "skip:" + key,
        request,
        model,
        () -> releases.skip(me, id, key, blank(reason), null));
  }

  @PostMapping("/releases/{id}/decision")
  String decide(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam String decision,
      @RequestParam(required = false) String rationale,
      @RequestParam(required = false) Integer replaces,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "decide",
        request,
        model,
        () -> releases.decide(me, id, decision, blank(rationale), replaces, null));
  }

  @PostMapping("/releases/{id}/approvals")
  String approve(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) String comment,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "approve",
        request,
        model,
        () -> releases.approve(me, id, blank(role), blank(comment), null));
  }

  @PostMapping("/releases/{id}/handoffs/{key}/acknowledge")
  String acknowledge(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      HttpServletRequest request,
      Model model) {
    return act(
        me,
        id,
        "acknowledge:" + key,
        request,
        model,
        () -> releases.acknowledge(me, id, key, null));
  }

  @PostMapping("/releases/{id}/cancel")
  String cancel(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam(required = false) String reason,
      HttpServletRequest request,
      Model model) {
    return act(
        me, id, "cancel", request, model, () -> releases.cancel(me, id, blank(reason), null));
  }

  // ------------------------------------------------------------------ notes

  // ------------------------------------------------------------------ helpers

  private String act(
      Actor me, String id, String at, HttpServletRequest request, Model model, Runnable command) {
    try {
      command.run();
    } catch (TollgateException refused) {
      model.addAttribute("refusal", refused);
      model.addAttribute("refusalAt", at);
    }
    fill(me, releases.get(me, id), model);
    boolean htmx = request.getHeader("HX-Request") != null;
    if (!htmx && !model.containsAttribute("refusal")) {
      return "redirect:/releases/" + id;
    }
    return htmx ? "release/release :: releaseMain" : "release/release";
  }

  private void fill(Actor me, Release release, Model model) {
    Product product = products.find(release.product());
    boolean member = !releases.participant(me, release.product()).roles().isEmpty();
    model.addAttribute("r", release);
    model.addAttribute(
        "m",
        ReleasePageModel.of(
            release,
            releases.actionsFor(me, release),
            incidents.incidentsOf(release.id()),
            deployments.of(release),
            incidents.openIncidents(List.of(release.product())),
            audit.forRelease(release.id().value()),
            product.members(),
            member,
            me.username(),
            fmt));
    model.addAttribute("product", product);
    model.addAttribute(
        "customerIssues",
        customerIssues.of(List.of(release.id().value())).getOrDefault(release.id().value(), 0));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
