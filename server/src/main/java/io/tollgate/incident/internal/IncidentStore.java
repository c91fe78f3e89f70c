package io.tollgate.incident.internal;

import io.tollgate.incident.IncidentData;
import io.tollgate.shared.Timestamps;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The incidents table: the incident state as one JSON document. */
@Repository
public class IncidentStore {
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ReleaseIncidentIds ids;

  IncidentStore(JdbcClient jdbc, JsonMapper json, ReleaseIncidentIds ids) {
    this.jdbc = jdbc;
    this.json = json;
    this.ids = ids;
  }

  public void insert(IncidentData data, String status) {
    ids.opening(data.release());
    jdbc.sql(
            "insert into incidents (id, release_id, product_key, status, opened_at, revision, document)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            data.id(),
            data.release(),
            data.product(),
            status,
            Timestamps.toDb(data.openedAt()),
            data.revision(),
            io.tollgate.shared.Limits.document("incident", json.writeValueAsString(data)))
        .update();
  }

  public boolean update(IncidentData data, String status, long expectedRevision) {
    return jdbc.sql(
                "update incidents set status = ?, revision = ?, document = ? where id = ? and revision = ?")
            .params(
                status,
                data.revision(),
                io.tollgate.shared.Limits.document("incident", json.writeValueAsString(data)),
                data.id(),
                expectedRevision)
            .update()
        == 1;
  }

  /** The product an incident belongs to. */
  public Optional<String> productOf(String id) {
    return jdbc.sql("select product_key from incidents where id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  public Optional<IncidentData> find(String id) {
    return jdbc.sql("select document from incidents where id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(this::read);
  }

  public Optional<IncidentData> lock(String id) {
    return jdbc.sql("select document from incidents where id = ? for update")
        .param(id)
        .query(String.class)
        .optional()
        .map(this::read);
  }

  /** The release's incident ids, oldest first (remembered by {@link ReleaseIncidentIds}). */
  public List<String> idsForRelease(String release) {
    return ids.of(
        release,
        () ->
            jdbc.sql("select id from incidents where release_id = ? order by opened_at, id")
                .param(release)
                .query(String.class)
                .list());
  }

  public Optional<String> openForRelease(String release) {
    return jdbc.sql(
            "select id from incidents where release_id = ? and status = 'open' order by opened_at limit 1")
        .param(release)
        .query(String.class)
        .optional();
  }

  public List<IncidentData> open(List<String> products) {
    if (products.isEmpty()) return List.of();
    return jdbc
        .sql(
            "select document from incidents where status = 'open' and product_key in (:products) order by opened_at")
        .param("products", products)
        .query(String.class)
        .list()
        .stream()
        .map(this::read)
        .toList();
  }

  private IncidentData read(String document) {
    return IncidentDocumentFormat.read(json, document);
  }
}
