package io.tollgate.product;

import java.util.List;

/** The roles one person holds on one product, as {@code GET /api/v1/me} lists them. */
public record Membership(String product, List<String> roles) {}
