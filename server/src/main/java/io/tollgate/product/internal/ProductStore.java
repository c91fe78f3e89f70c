package io.tollgate.product.internal;

import io.tollgate.product.Member;
import io.tollgate.product.Membership;
import io.tollgate.product.Product;
import io.tollgate.shared.Timestamps;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The products, product_environments and memberships tables. */
@Repository
public class ProductStore {
  private final JdbcClient jdbc;

  ProductStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String key) {
    return jdbc.sql("select count(*) from products where product_key = ?")
            .param(key)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Locks the product's row until the transaction ends (an update that changes nothing). */
  public void lock(String key) {
    jdbc.sql("update products set name = name where product_key = ?").param(key).update();
  }

  public void insert(Product p) {
    jdbc.sql("insert into products (product_key, name, process_id, created_at) values (?, ?, ?, ?)")
        .params(p.key(), p.name(), p.process(), Timestamps.toDb(p.createdAt()))
        .update();
    for (int i = 0; i < p.environments().size(); i++) {
      jdbc.sql("insert into product_environments (product_key, name, position) values (?, ?, ?)")
          .params(p.key(), p.environments().get(i), i)
          .update();
    }
  }

  public Optional<Product> find(String key) {
    return jdbc.sql("select * from products where product_key = ?")
        .param(key)
        .query(
            (rs, n) ->
                new Product(
                    rs.getString("product_key"),
                    rs.getString("name"),
                    rs.getString("process_id"),
                    List.of(),
                    List.of(),
                    Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class))))
        .optional()
        .map(
            p ->
                new Product(
                    p.key(),
                    p.name(),
                    p.process(),
                    environments(key),
                    members(key),
                    p.createdAt()));
  }

  /**
   * The products with these keys that exist, in the keys' order: three queries (products, their
   * environments, their members) whatever their number, not three a product.
   */
  public List<Product> findAll(List<String> keys) {
    if (keys.isEmpty()) return List.of();
    java.util.Map<String, List<String>> environments = new java.util.HashMap<>();
    java.util.Map<String, List<Member>> members = new java.util.HashMap<>();
    java.util.Map<String, Product> found = new java.util.HashMap<>();
    for (int i = 0; i < keys.size(); i += 500) {
      List<String> chunk = keys.subList(i, Math.min(keys.size(), i + 500));
      jdbc.sql(
              "select product_key, name from product_environments where product_key in (:keys)"
                  + " order by product_key, position")
          .param("keys", chunk)
          .query(
              rs -> {
                environments
                    .computeIfAbsent(rs.getString("product_key"), k -> new java.util.ArrayList<>())
                    .add(rs.getString("name"));
              });
      jdbc.sql(
              "select product_key, username, roles from memberships where product_key in (:keys)"
                  + " order by product_key, username")
          .param("keys", chunk)
          .query(
              rs -> {
                members
                    .computeIfAbsent(rs.getString("product_key"), k -> new java.util.ArrayList<>())
                    .add(new Member(rs.getString("username"), split(rs.getString("roles"))));
              });
      jdbc.sql("select * from products where product_key in (:keys)")
          .param("keys", chunk)
          .query(
              rs -> {
                String key = rs.getString("product_key");
                found.put(
                    key,
                    new Product(
                        key,
                        rs.getString("name"),
                        rs.getString("process_id"),
                        environments.getOrDefault(key, List.of()),
                        members.getOrDefault(key, List.of()),
                        Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class))));
              });
    }
    return keys.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
  }

  public List<String> keys() {
    return jdbc.sql("select product_key from products order by product_key")
        .query(String.class)
        .list();
  }

  public List<String> environments(String key) {
    return jdbc.sql("select name from product_environments where product_key = ? order by position")
        .param(key)
        .query(String.class)
        .list();
  }

  public List<Member> members(String key) {
    return jdbc.sql(
            "select username, roles from memberships where product_key = ? order by username")
        .param(key)
        .query((rs, n) -> new Member(rs.getString("username"), split(rs.getString("roles"))))
        .list();
  }

  public Set<String> roles(String key, String username) {
    return jdbc.sql("select roles from memberships where product_key = ? and username = ?")
        .params(key, username)
        .query(String.class)
        .optional()
        .map(r -> Set.copyOf(split(r)))
        .orElse(Set.of());
  }

  public List<Membership> memberships(String username) {
    return jdbc.sql(
            "select product_key, roles from memberships where username = ? order by product_key")
        .param(username)
        .query((rs, n) -> new Membership(rs.getString("product_key"), split(rs.getString("roles"))))
        .list();
  }

  public void setMember(String key, String username, List<String> roles) {
    int updated =
        jdbc.sql("update memberships set roles = ? where product_key = ? and username = ?")
            .params(String.join(",", roles), key, username)
            .update();
    if (updated == 0) {
      jdbc.sql("insert into memberships (product_key, username, roles) values (?, ?, ?)")
          .params(key, username, String.join(",", roles))
          .update();
    }
  }

  /**
   * The versions of the product's open releases: every status but the terminal ones (closed,
   * rolled-back, cancelled; ReleaseStatus.isActive), read from the column the release feature
   * writes with each save.
   */
  public List<String> openReleaseVersions(String key) {
    return jdbc.sql(
            "select version from releases where product_key = ?"
                + " and status not in ('closed', 'rolled-back', 'cancelled') order by created_at")
        .param(key)
        .query(String.class)
        .list();
  }

  public void removeMember(String key, String username) {
    jdbc.sql("delete from memberships where product_key = ? and username = ?")
        .params(key, username)
        .update();
  }

  private static List<String> split(String roles) {
    return roles == null || roles.isBlank()
        ? List.of()
        : Arrays.stream(roles.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toList());
  }
}
