package io.tollgate.product.web;

import io.tollgate.process.ProcessManagement;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /admin/products}: the system administrator creates products. */
@Controller
@Page
class ProductAdminPages {
  private final ProductManagement products;
  private final ProcessManagement processes;

  ProductAdminPages(ProductManagement products, ProcessManagement processes) {
    this.products = products;
    this.processes = processes;
  }

  @GetMapping("/admin/products")
  String products(@AuthenticationPrincipal Actor me, Model model) {
    io.tollgate.identity.UserManagement.requireAdmin(me, "Administering products");
    model.addAttribute("products", products.visibleTo(me));
    model.addAttribute("processes", processes.all());
    return "product/admin";
  }

  @PostMapping("/admin/products")
  String create(
      @AuthenticationPrincipal Actor me,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) String process,
      @RequestParam(defaultValue = "") String environments,
      RedirectAttributes flash) {
    try {
      Product product = products.create(me, key.strip(), name, process, split(environments));
      flash.addFlashAttribute(
          "done", "Created " + product.name() + ". Now give people roles on it.");
      return "redirect:/products/" + product.key();
    } catch (TollgateException e) {
      flash.addFlashAttribute("refusal", e.getMessage());
      Map<String, String> draft = new LinkedHashMap<>();
      draft.put("key", key);
      draft.put("name", name);
      draft.put("process", process == null ? "" : process);
      draft.put("environments", environments);
      flash.addFlashAttribute("draft", draft);
      return "redirect:/admin/products";
    }
  }

  /** "staging, production" or one per line; blank means the default (staging and production). */
  static List<String> split(String environments) {
    List<String> names =
        Arrays.stream(environments.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    return names.isEmpty() ? null : names;
  }
}
