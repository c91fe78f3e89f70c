package io.tollgate.process;

import java.util.List;

/** A role people hold per product, such as {@code release-manager}. */
public record Role(String key, String name, List<String> responsibilities) {
  public Role {
    responsibilities = List.copyOf(responsibilities);
  }
}
