package io.tollgate.automation.web;

import io.tollgate.automation.AutomationConfig;
import io.tollgate.automation.AutomationRequest;
import io.tollgate.automation.CheckLines;
import io.tollgate.automation.EnvironmentAutomation;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The automation part of a product page ({@code /products/<key>/automation}, an htmx fragment) and
 * its form: devops and the admin configure each environment (a command executor: the admin only);
 * members see what is configured, never a secret.
 */
@Controller
@Page
class AutomationPages {
  private final EnvironmentAutomation automation;
  private final ProductManagement products;
  private final OutboundUrls urls;

  AutomationPages(EnvironmentAutomation automation, ProductManagement products, OutboundUrls urls) {
    this.automation = automation;
    this.products = products;
    this.urls = urls;
  }

  /** One environment's row: its configuration (null: manual) and the form's values. */
  record EnvRow(
      String name,
      AutomationConfig config,
      String kind,
      String url,
      String command,
      String commandLine,
      Integer timeoutSeconds,
      String checks,
      int soakSeconds,
      int intervalSeconds) {}

  @GetMapping("/products/{key}/automation")
  String fragment(@AuthenticationPrincipal Actor me, @PathVariable String key, Model model) {
    Product product = products.get(me, key);
    List<EnvRow> rows = new ArrayList<>();
    for (String env : product.environments()) {
      AutomationConfig c = automation.find(key, env).orElse(null);
      rows.add(row(env, c));
    }
    model.addAttribute("key", key);
    model.addAttribute("rows", rows);
    model.addAttribute("canConfigure", automation.mayConfigure(me, key));
    model.addAttribute("admin", me.admin());
    model.addAttribute("privateWarning", me.admin() && urls.privateRangesAllowed());
    return "automation/product :: automation";
  }

  @PostMapping("/products/{key}/environments/{env}/automation")
  String save(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @PathVariable String env,
      @RequestParam(defaultValue = "webhook") String kind,
      @RequestParam(defaultValue = "") String url,
      @RequestParam(defaultValue = "") String secret,
      @RequestParam(defaultValue = "") String command,
      @RequestParam(required = false) Integer timeoutSeconds,
      @RequestParam(defaultValue = "") String checks,
      @RequestParam(defaultValue = "0") int soakSeconds,
      @RequestParam(defaultValue = "10") int intervalSeconds,
      @RequestParam(defaultValue = "false") boolean autoVerify,
      @RequestParam(defaultValue = "false") boolean autoRollback,
      RedirectAttributes flash) {
    try {
      List<AutomationRequest.CheckRequest> parsed = CheckLines.parse(checks);
      AutomationRequest request =
          new AutomationRequest(
              new AutomationRequest.ExecutorRequest(
                  kind,
                  url.isBlank() ? null : url.strip(),
                  secret.isBlank() ? null : secret.strip(),
                  lines(command),
                  timeoutSeconds),
              parsed.isEmpty() && soakSeconds == 0
                  ? null
                  : new AutomationRequest.VerificationRequest(parsed, soakSeconds, intervalSeconds),
              autoVerify,
              autoRollback);
      var saved = automation.configure(me, key, env, request);
      flash.addFlashAttribute(
          "done",
          "The automation of "
              + env
              + " is saved."
              + (saved.newSecret() != null
                  ? " Its webhook secret, shown this once: " + saved.newSecret()
                  : ""));
    } catch (TollgateException e) {
      flash.addFlashAttribute(
          "problem",
          "The automation of " + env + " is not saved: " + CheckLines.readable(e.getMessage()));
    }
    return back(key);
  }

  @PostMapping("/products/{key}/environments/{env}/automation/remove")
  String remove(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @PathVariable String env,
      RedirectAttributes flash) {
    try {
      automation.remove(me, key, env);
      flash.addFlashAttribute("done", env + " is deployed by hand again.");
    } catch (TollgateException e) {
      flash.addFlashAttribute("done", "Not removed: " + e.getMessage());
    }
    return back(key);
  }

  private static EnvRow row(String env, AutomationConfig c) {
    if (c == null) return new EnvRow(env, null, "webhook", "", "", "", null, "", 0, 10);
    String url = "";
    String command = "";
    int timeout;
    if (c.executor() instanceof AutomationConfig.Webhook w) {
      url = w.url();
      timeout = w.timeoutSeconds();
    } else {
      AutomationConfig.Command cmd = (AutomationConfig.Command) c.executor();
      command = String.join("\n", cmd.command());
      timeout = cmd.timeoutSeconds();
    }
    String checks = c.verification() == null ? "" : CheckLines.format(c.verification().checks());
    return new EnvRow(
        env,
        c,
        c.executor().kind(),
        url,
        command,
        command.replace('\n', ' '),
        timeout,
        checks,
        c.verification() == null ? 0 : c.verification().soakSeconds(),
        c.verification() == null ? 10 : c.verification().intervalSeconds());
  }

  private static List<String> lines(String text) {
    return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String back(String key) {
    return "redirect:/products/"
        + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8)
        + "#automation";
  }
}
