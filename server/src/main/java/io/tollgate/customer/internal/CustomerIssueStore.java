package io.tollgate.customer.internal;

import io.tollgate.customer.CustomerIssue;
import io.tollgate.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer_issues table. */
@Repository
public class CustomerIssueStore {
  private final JdbcClient jdbc;

  CustomerIssueStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(CustomerIssue i) {
    jdbc.sql(
            "insert into customer_issues (id, release_id, product, version, summary, severity,"
                + " link, reported_by, reported_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            i.id(),
            i.release(),
            i.product(),
            i.version(),
            i.summary(),
            i.severity(),
            i.link(),
            i.reportedBy(),
            Timestamps.toDb(i.reportedAt()))
        .update();
  }

  public List<CustomerIssue> ofRelease(String release) {
    return jdbc.sql("select * from customer_issues where release_id = ? order by reported_at, id")
        .param(release)
        .query(CustomerIssueStore::row)
        .list();
  }

  /** The issue, its row locked until the transaction ends. */
  public Optional<CustomerIssue> lock(String id) {
    return jdbc.sql("select * from customer_issues where id = ? for update")
        .param(id)
        .query(CustomerIssueStore::row)
        .optional();
  }

  public void escalated(String id, String incident, String by, Instant at) {
    jdbc.sql(
            "update customer_issues set incident_id = ?, escalated_by = ?, escalated_at = ? where"
                + " id = ?")
        .params(incident, by, Timestamps.toDb(at), id)
        .update();
  }

  /** How many issues each of these releases has (releases without any are left out). */
  public java.util.Map<String, Integer> counts(List<String> releases) {
    java.util.Map<String, Integer> out = new java.util.HashMap<>();
    if (releases.isEmpty()) return out;
    jdbc.sql(
            "select release_id, count(*) as n from customer_issues where release_id in"
                + " (:releases) group by release_id")
        .param("releases", releases)
        .query((rs, n) -> out.put(rs.getString("release_id"), rs.getInt("n")))
        .list();
    return out;
  }

  private static CustomerIssue row(ResultSet rs, int n) throws SQLException {
    return new CustomerIssue(
        rs.getString("id"),
        rs.getString("release_id"),
        rs.getString("product"),
        rs.getString("version"),
        rs.getString("summary"),
        rs.getString("severity"),
        rs.getString("link"),
        rs.getString("reported_by"),
        Timestamps.fromDb(rs.getObject("reported_at", OffsetDateTime.class)),
        rs.getString("incident_id"),
        rs.getString("escalated_by"),
        Timestamps.fromDb(rs.getObject("escalated_at", OffsetDateTime.class)));
  }
}
