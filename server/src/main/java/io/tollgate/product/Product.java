package io.tollgate.product;

import java.time.Instant;
import java.util.List;

/** Something that is released, with its ordered environments, process and members. */
public record Product(
    String key,
    String name,
    String process,
    List<String> environments,
    List<Member> members,
    Instant createdAt) {
  public Product {
    environments = List.copyOf(environments);
    members = List.copyOf(members);
  }
}
