package io.tollgate.integration.web;

import io.tollgate.integration.GithubIntegration;
import io.tollgate.integration.GithubIntegrations;
import io.tollgate.shared.Actor;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The GitHub panel of a product's page: the repository it follows, the webhook's address, a form
 * for devops to set it up, and the recent deliveries with what each did or why it was ignored.
 */
@Controller
@Page
class GithubPages {
  private final GithubIntegrations integrations;

  GithubPages(GithubIntegrations integrations) {
    this.integrations = integrations;
  }

  @GetMapping("/products/{key}/github")
  String panel(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      HttpServletRequest request,
      Model model) {
    var deliveries = integrations.deliveries(me, key, 20);
    GithubIntegration integration;
    try {
      integration = integrations.get(me, key);
    } catch (NotFound e) {
      integration = null;
    }
    model.addAttribute("productKey", key);
    model.addAttribute("integration", integration);
    model.addAttribute("deliveries", deliveries);
    model.addAttribute("protectionRuns", integrations.protectionRuns(me, key, 20));
    model.addAttribute("canManage", integrations.mayManage(me, key));
    model.addAttribute(
        "webhookUrl",
        ServletUriComponentsBuilder.fromContextPath(request)
            .path("/api/v1/hooks/github/{key}")
            .buildAndExpand(key)
            .toUriString());
    return htmx != null ? "integration/github-panel :: panel" : "integration/github";
  }

  @PostMapping("/products/{key}/github")
  String set(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String repository,
      @RequestParam(defaultValue = "") String secret,
      @RequestParam(defaultValue = "") String protectionToken,
      @RequestParam(required = false) String apiUrl,
      RedirectAttributes flash) {
    try {
      integrations.set(
          me,
          key,
          new GithubIntegrations.Change(
              repository, secret, apiUrl, protectionToken.isEmpty() ? null : protectionToken));
      flash.addFlashAttribute(
          "done", "GitHub integration saved: " + key + " follows " + repository.strip() + ".");
    } catch (TollgateException e) {
      flash.addFlashAttribute("refusal", e.getMessage());
      flash.addFlashAttribute("refusalAt", "github");
    }
    return "redirect:/products/"
        + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8)
        + "/github";
  }
}
