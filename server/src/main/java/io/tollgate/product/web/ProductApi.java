package io.tollgate.product.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.deployment.Deployment;
import io.tollgate.deployment.DeploymentManagement;
import io.tollgate.deployment.EnvironmentState;
import io.tollgate.product.Member;
import io.tollgate.product.Membership;
import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Products, their environments and members; and who the caller is. */
@RestController
@RequestMapping("/api/v1")
class ProductApi {
  private final ProductManagement products;
  private final DeploymentManagement deployments;
  private final io.tollgate.identity.CallScope scope;

  ProductApi(
      ProductManagement products,
      DeploymentManagement deployments,
      io.tollgate.identity.CallScope scope) {
    this.scope = scope;
    this.products = products;
    this.deployments = deployments;
  }

  record NewProduct(String key, String name, String process, List<String> environments) {}

  record Roles(List<String> roles) {}

  /** A product with what each of its environments runs, and its members. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "Product")
  record ProductView(
      String key,
      String name,
      String process,
      List<EnvironmentState> environments,
      List<Member> members,
      Instant createdAt) {}

  /** The caller: name, whether system administrator, and roles per product. */
  record Me(String username, boolean admin, List<Membership> memberships) {}

  @Operation(operationId = "createProduct", summary = "Create a product (admin)")
  @ProblemStatuses({403, 409, 422}) // an unknown process is invalid input: 422
  @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI document says it answers
  @PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ProductView> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewProduct body) {
    Product product =
        products.create(actor, body.key(), body.name(), body.process(), body.environments());
    return ResponseEntity.created(URI.create("/api/v1/products/" + product.key()))
        .body(view(product));
  }

  @Operation(operationId = "listProducts", summary = "List the products the caller may see")
  @GetMapping("/products")
  List<ProductView> list(@AuthenticationPrincipal Actor actor) {
    // a product-scoped token lists only the products of its scope
    return products.visibleTo(actor).stream()
        .filter(p -> scope.covers(p.key()))
        .map(this::view)
        .toList();
  }

  @Operation(operationId = "getProduct", summary = "Read a product, its environments and members")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}")
  ProductView get(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    return view(products.get(actor, key));
  }

  @Operation(
      operationId = "setProductMember",
      summary = "Set a person's roles on a product (admin or the product's release manager)")
  @ProblemStatuses({403, 404, 409, 422})
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

  @Operation(
      operationId = "listProductDeployments",
      summary = "List a product's latest deployments and rollbacks")
  @ProblemStatuses({403, 404})
  @GetMapping("/products/{key}/deployments")
  List<Deployment> deployments(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
    products.get(actor, key);
    return deployments.history(key, 100);
  }

  @Operation(operationId = "getMe", summary = "Who the caller is, and their roles per product")
  @GetMapping("/me")
  Me me(@AuthenticationPrincipal Actor actor) {
    return new Me(actor.username(), actor.admin(), products.membershipsOf(actor.username()));
  }

  private ProductView view(Product p) {
    return new ProductView(
        p.key(),
        p.name(),
        p.process(),
        deployments.environments(p.key(), p.environments()),
        p.members(),
        p.createdAt());
  }
}
