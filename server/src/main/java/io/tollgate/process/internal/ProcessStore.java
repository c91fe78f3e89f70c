package io.tollgate.process.internal;

import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The process_versions table: every version of every process, never changed once written. */
@Repository
public class ProcessStore {
  private final JdbcClient jdbc;

  ProcessStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored row. */
  public record Row(String id, int version, String name, String source, Instant createdAt) {}

  public Optional<Row> latest(String id) {
    return jdbc.sql(
            "select * from process_versions where process_id = ? order by version desc limit 1")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  public Optional<Row> find(String id, int version) {
    return jdbc.sql("select * from process_versions where process_id = ? and version = ?")
        .params(id, version)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** Every version of one process, newest first. */
  public List<Row> versions(String id) {
    return jdbc.sql("select * from process_versions where process_id = ? order by version desc")
        .param(id)
        .query((rs, n) -> map(rs))
        .list();
  }

  public List<Row> latestOfEach() {
    return jdbc.sql(
            "select p.* from process_versions p where p.version ="
                + " (select max(q.version) from process_versions q where q.process_id = p.process_id)"
                + " order by p.process_id")
        .query((rs, n) -> map(rs))
        .list();
  }

  public void insert(Row row, String by) {
    jdbc.sql(
            "insert into process_versions (process_id, version, name, source, created_by, created_at)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(
            row.id(), row.version(), row.name(), row.source(), by, Timestamps.toDb(row.createdAt()))
        .update();
  }

  private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(
        rs.getString("process_id"),
        rs.getInt("version"),
        rs.getString("name"),
        rs.getString("source"),
        Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)));
  }
}
