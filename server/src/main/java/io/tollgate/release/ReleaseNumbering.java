package io.tollgate.release;

import io.tollgate.process.ReleaseType;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.internal.ReleaseVersionIndex;
import io.tollgate.shared.Invalid;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers new releases: the version follows from the type and the versions in use ({@link
 * VersionPolicy}); only the versions that decide it are read.
 */
@Component
class ReleaseNumbering {
  private final ReleaseVersionIndex versions;
  private final ProductManagement products;

  ReleaseNumbering(ReleaseVersionIndex versions, ProductManagement products) {
    this.versions = versions;
    this.products = products;
  }

  static ReleaseType type(String type) {
    return ReleaseType.parse(type)
        .orElseThrow(
            () ->
                Invalid.because("Unknown release type '" + type + "': use patch, minor or major."));
  }

  /**
   * The version of a release being planned: the requested one if the policy allows it, else the
   * next of the type. Takes the product's lock, so no other release of it is numbered meanwhile.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  SemanticVersion assign(String product, ReleaseType type, String requestedVersion) {
    products.lock(product);
    String requested =
        requestedVersion == null || requestedVersion.isBlank() ? null : requestedVersion.strip();
    List<SemanticVersion> existing =
        versions(product, requested == null ? null : SemanticVersion.parse(requested).orElse(null));
    return requested == null
        ? VersionPolicy.next(type, existing)
        : VersionPolicy.check(requested, type, existing);
  }

  /** The version a new release of this type would get now. */
  SemanticVersion propose(String product, ReleaseType type) {
    return VersionPolicy.next(type, versions(product, null));
  }

  private List<SemanticVersion> versions(String product, SemanticVersion requested) {
    return versions.versionsThatMatter(product, requested).stream()
        .map(v -> SemanticVersion.parse(v).orElseThrow())
        .toList();
  }
}
