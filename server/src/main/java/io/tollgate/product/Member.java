package io.tollgate.product;

import java.util.List;

/** A person's roles on one product. */
public record Member(String username, List<String> roles) {
  public Member {
    roles = List.copyOf(roles);
  }
}
