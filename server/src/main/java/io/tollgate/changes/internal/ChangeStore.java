package io.tollgate.changes.internal;

import io.tollgate.changes.Change;
import io.tollgate.changes.NewCommit;
import io.tollgate.changes.PullRequest;
import io.tollgate.shared.Timestamps;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The release_changes and release_pull_requests tables. */
@Repository
public class ChangeStore {
  private final JdbcClient jdbc;

  ChangeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds the commits the release does not have yet, in order after those it has; the caller holds
   * the release's lock. Returns the ids added.
   */
  public List<String> add(
      String release, List<NewCommit> commits, String source, String by, Instant at) {
    Set<String> known =
        new HashSet<>(
            jdbc.sql("select sha from release_changes where release_id = ?")
                .param(release)
                .query(String.class)
                .list());
    int position =
        jdbc.sql("select coalesce(max(position), 0) from release_changes where release_id = ?")
            .param(release)
            .query(Integer.class)
            .single();
    List<String> added = new java.util.ArrayList<>();
    for (NewCommit c : commits) {
      if (!known.add(c.sha())) continue;
      jdbc.sql(
              "insert into release_changes (release_id, sha, position, message, author, url, source,"
                  + " added_by, added_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              release,
              c.sha(),
              ++position,
              c.message(),
              c.author(),
              c.url(),
              source,
              by,
              Timestamps.toDb(at))
          .update();
      added.add(c.sha());
    }
    return added;
  }

  public List<Change> of(String release) {
    return jdbc.sql("select * from release_changes where release_id = ? order by position")
        .param(release)
        .query(
            (rs, n) ->
                Change.of(
                    rs.getString("sha"),
                    rs.getString("message"),
                    rs.getString("author"),
                    rs.getString("url"),
                    rs.getString("source"),
                    rs.getString("added_by"),
                    Timestamps.fromDb(rs.getObject("added_at", OffsetDateTime.class))))
        .list();
  }

  /** Adds a merged pull request; false when the release lists it already. */
  public boolean addPullRequest(String release, PullRequest pr) {
    boolean known =
        jdbc.sql("select count(*) from release_pull_requests where release_id = ? and number = ?")
                .params(release, pr.number())
                .query(Long.class)
                .single()
            > 0;
    if (known) return false;
    jdbc.sql(
            "insert into release_pull_requests (release_id, number, title, url, author, merge_commit,"
                + " merged_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            release,
            pr.number(),
            pr.title(),
            pr.url(),
            pr.author(),
            pr.mergeCommit(),
            Timestamps.toDb(pr.mergedAt()))
        .update();
    return true;
  }

  public List<PullRequest> pullRequests(String release) {
    return jdbc.sql("select * from release_pull_requests where release_id = ? order by number")
        .param(release)
        .query(
            (rs, n) ->
                new PullRequest(
                    rs.getInt("number"),
                    rs.getString("title"),
                    rs.getString("url"),
                    rs.getString("author"),
                    rs.getString("merge_commit"),
                    Timestamps.fromDb(rs.getObject("merged_at", OffsetDateTime.class))))
        .list();
  }
}
