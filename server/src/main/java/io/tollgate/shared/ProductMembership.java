package io.tollgate.shared;

/**
 * Whether a person is a member of a product (holds a role on it), for checks that run before a
 * feature's own: a resource of a product the caller is not a member of is answered 404, so that not
 * even its product is revealed.
 */
public interface ProductMembership {
  boolean isMember(String product, String username);
}
