package io.tollgate.product.web;

import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.EnvironmentState;
import io.tollgate.identity.User;
import io.tollgate.identity.UserManagement;
import io.tollgate.product.Member;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code /products} and {@code /products/<key>}: what each environment runs, who holds which role,
 * and the release history. The history comes as an htmx fragment from the release feature ({@code
 * /products/<key>/history}), because products know nothing of releases.
 */
@Controller
@Page
class ProductPages {
  private final ProductManagement products;
  private final DeploymentManagement deployments;
  private final UserManagement users;

  ProductPages(ProductManagement products, DeploymentManagement deployments, UserManagement users) {
    this.products = products;
    this.deployments = deployments;
    this.users = users;
  }

  record Row(Product product, List<EnvironmentState> environments) {}

  record MemberRow(String username, String displayName, List<String> roles) {}

  @GetMapping("/products")
  String list(@AuthenticationPrincipal Actor me, Model model) {
    model.addAttribute(
        "rows",
        products.visibleTo(me).stream()
            .map(p -> new Row(p, deployments.environments(p.key(), p.environments())))
            .toList());
    return "product/list";
  }

  @GetMapping("/products/{key}")
  String product(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Product product = products.get(me, key);
    model.addAttribute("product", product);
    model.addAttribute(
        "environments", deployments.environments(product.key(), product.environments()));
    model.addAttribute("members", product.members().stream().map(this::memberRow).toList());
    model.addAttribute("roles", products.roles(key));
    model.addAttribute("canManage", products.mayManageMembers(me, key));
    model.addAttribute(
        "historyUrl",
        UriComponentsBuilder.fromPath("/products/{key}/history")
            .queryParamIfPresent(
                "status", java.util.Optional.ofNullable(status).filter(s -> !s.isBlank()))
            .queryParam("page", Math.max(0, page))
            .buildAndExpand(key)
            .encode()
            .toUriString());
    return "product/page";
  }

  @PostMapping("/products/{key}/members")
  String setMember(
      @AuthenticationPrincipal Actor me,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(required = false) List<String> roles,
      @RequestParam(defaultValue = "false") boolean adding,
      RedirectAttributes flash) {
    String who = username.strip();
    try {
      Member member = products.setMember(me, key, who, roles == null ? List.of() : roles);
      flash.addFlashAttribute(
          "done",
          member.roles().isEmpty()
              ? who + " is no longer a member of " + key + "."
              : who + " now holds " + String.join(", ", member.roles()) + ".");
    } catch (TollgateException e) {
      flash.addFlashAttribute("refusal", e.getMessage());
      flash.addFlashAttribute("refusalAt", adding ? "add-member" : "member:" + who);
    }
    return "redirect:/products/"
        + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8)
        + "#members";
  }

  private MemberRow memberRow(Member m) {
    String name = users.find(m.username()).map(User::displayName).orElse(m.username());
    return new MemberRow(m.username(), name, m.roles());
  }
}
