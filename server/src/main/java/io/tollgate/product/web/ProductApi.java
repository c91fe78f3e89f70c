package io.tollgate.product.web;

import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.product.Member;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Products, their environments and members; and who the caller is. */
@RestController
@RequestMapping("/api/v1")
class ProductApi {
  private final ProductManagement products;
  private final DeploymentManagement deployments;

  ProductApi(ProductManagement products, DeploymentManagement deployments) {
    this.products = products;
    this.deployments = deployments;
  }

  record NewProduct(String key, String name, String process, List<String> environments) {}

  record Roles(List<String> roles) {}

  @PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewProduct body) {
    Product product =
        products.create(actor, body.key(), body.name(), body.process(), body.environments());
    return ResponseEntity.created(URI.create("/api/v1/products/" + product.key()))
        .body(view(product));
  }

  @GetMapping("/products")
  List<Map<String, Object>> list(@AuthenticationPrincipal Actor actor) {
    return products.visibleTo(actor).stream().map(this::view).toList();
  }

  @GetMapping("/products/{key}")
  Map<String, Object> get(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return view(products.get(actor, key));
  }

  @PutMapping(
      path = "/products/{key}/members/{username}",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  Member setMember(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String key,
      @PathVariable String username,
      @RequestBody Roles body) {
    return products.setMember(actor, key, username, body.roles());
  }

  @GetMapping("/products/{key}/deployments")
  Object deployments(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    products.get(actor, key);
    return deployments.history(key, 100);
  }

  @GetMapping("/me")
  Map<String, Object> me(@AuthenticationPrincipal Actor actor) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", actor.username());
    body.put("admin", actor.admin());
    body.put("memberships", products.membershipsOf(actor.username()));
    return body;
  }

  private Map<String, Object> view(Product p) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", p.key());
    body.put("name", p.name());
    body.put("process", p.process());
    body.put("environments", deployments.environments(p.key(), p.environments()));
    body.put("members", p.members());
    body.put("createdAt", p.createdAt());
    return body;
  }
}
