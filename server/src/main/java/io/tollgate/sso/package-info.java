/**
 * Single sign-on glue: memberships that follow the identity provider's groups. It joins identity
 * (who signed in, with which groups) and product (who holds which role), which must not know each
 * other in that direction.
 */
package io.tollgate.sso;
