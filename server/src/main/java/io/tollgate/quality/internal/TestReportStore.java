package io.tollgate.quality.internal;

import io.tollgate.quality.JunitReport;
import io.tollgate.quality.TestReport;
import io.tollgate.shared.Timestamps;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The test_reports table; the failing tests as a JSON list. */
@Repository
public class TestReportStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;

  TestReportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String release, String product, TestReport r) {
    jdbc.sql(
            "insert into test_reports (id, release_id, product_key, name, tests, failures, errors,"
                + " skipped, duration_seconds, failing, attached_kind, attached_key, attached_by,"
                + " attached_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.id(),
            release,
            product,
            r.name(),
            r.tests(),
            r.failures(),
            r.errors(),
            r.skipped(),
            r.durationSeconds(),
            JSON.writeValueAsString(r.failing()),
            r.attachedTo().kind(),
            r.attachedTo().key(),
            r.by(),
            Timestamps.toDb(r.at()))
        .update();
  }

  /** A release's reports, oldest first. */
  public List<TestReport> of(String release) {
    return jdbc.sql("select * from test_reports where release_id = ? order by attached_at, id")
        .param(release)
        .query(
            (rs, n) ->
                new TestReport(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getInt("tests"),
                    rs.getInt("failures"),
                    rs.getInt("errors"),
                    rs.getInt("skipped"),
                    rs.getDouble("duration_seconds"),
                    JSON.readValue(
                        rs.getString("failing"), new TypeReference<List<JunitReport.Failing>>() {}),
                    new TestReport.AttachedTo(
                        rs.getString("attached_kind"), rs.getString("attached_key")),
                    rs.getString("attached_by"),
                    Timestamps.fromDb(rs.getObject("attached_at", OffsetDateTime.class))))
        .list();
  }
}
