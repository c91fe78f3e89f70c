package io.tollgate.shared;

import java.util.Optional;

/**
 * Tells which product a resource of the API belongs to, by the path segment that names its kind
 * ({@code releases/{id}} → {@code releases}). A feature whose resources are addressed by their own
 * id provides one, so that product-scoped tokens can be checked before the call runs; a resource
 * kind without one is refused to a product-scoped token.
 */
public interface ProductLocator {
  /** The path segment before the resource's id, e.g. {@code releases}. */
  String collection();

  /** The product of the resource; empty when there is no such resource. */
  Optional<String> productOf(String id);
}
