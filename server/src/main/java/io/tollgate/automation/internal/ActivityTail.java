package io.tollgate.automation.internal;

import io.tollgate.automation.DeploymentActivity;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices, every quarter of a second, what changed in the deployments that run or just ended — on
 * any node, as it reads the tables every node writes to — and tells this node's features ({@link
 * DeploymentActivity}): the live channel of the release pages. A deployment's mark is its status
 * with its last log line and check numbers; only the unfinished ones and those ended in the last
 * minute are read. The marks stay in memory: after a restart, open pages reload anyway.
 */
@Component
class ActivityTail {
  private static final Logger log = LoggerFactory.getLogger(ActivityTail.class);
  static final Duration RECENT = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;
  private Map<String, Mark> marks;

  ActivityTail(JdbcClient jdbc, ApplicationEventPublisher publisher, Clock clock) {
    this.jdbc = jdbc;
    this.publisher = publisher;
    this.clock = clock;
  }

  record Mark(String release, String status, int lines, int checks) {}

  @Scheduled(fixedDelay = 250)
  synchronized void tail() {
    try {
      Map<String, Mark> now = read();
      if (marks != null) {
        now.forEach(
            (id, mark) -> {
              if (!mark.equals(marks.get(id))) {
                publisher.publishEvent(new DeploymentActivity(mark.release(), id));
              }
            });
      }
      marks = now;
    } catch (RuntimeException e) {
      log.warn("Could not read the deployments for live updates: {}", e.getMessage());
    }
  }

  private Map<String, Mark> read() {
    Map<String, Mark> read = new HashMap<>();
    jdbc.sql(
            "select d.id, d.release_id, d.status,"
                + " (select coalesce(max(l.seq), 0) from automated_deployment_log l"
                + "   where l.deployment_id = d.id),"
                + " (select coalesce(max(c.seq), 0) from automated_deployment_checks c"
                + "   where c.deployment_id = d.id)"
                + " from automated_deployments d"
                + " where d.status in ('queued', 'running') or d.finished_at > ?")
        .param(Timestamps.toDb(clock.instant().minus(RECENT)))
        .query(
            rs -> {
              read.put(
                  rs.getString(1),
                  new Mark(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
            });
    return read;
  }
}
