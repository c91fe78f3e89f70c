package io.tollgate.identity;

import java.util.List;
import java.util.Map;

/**
 * Published after a person signed in through the identity provider and their account was created or
 * updated: the roles their groups map to on each mapped product (an empty list: none). Whoever
 * keeps memberships makes them follow.
 */
public record SignedInWithSingleSignOn(
    String username, List<String> groups, Map<String, List<String>> roles) {}
