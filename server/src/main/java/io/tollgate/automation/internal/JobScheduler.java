package io.tollgate.automation.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

/**
 * Durable jobs on db-scheduler: each waiting job is a row of {@code scheduled_tasks} (made by
 * Flyway), not a thread. Jobs are scheduled in the caller's transaction (the data source is
 * transaction-aware), so a job exists exactly when the change that needs it committed. A node that
 * dies while running a job stops its heartbeat; another node (or this one after restart) runs the
 * job again.
 *
 * <ul>
 *   <li>{@code deployment-dispatch} ({@code <id>:<attempt>}): ask the executor;
 *   <li>{@code deployment-timeout} ({@code <id>}): end a deployment that did not report in time;
 *   <li>{@code deployment-settle} ({@code <id>}): complete the step of an ended deployment, if the
 *       immediate attempt did not;
 *   <li>{@code verification-round} ({@code <id>:<round>}): one round of checks.
 * </ul>
 */
@Component
public class JobScheduler {
  static final String DISPATCH = "deployment-dispatch";
  static final String TIMEOUT = "deployment-timeout";
  static final String SETTLE = "deployment-settle";
  static final String ROUND = "verification-round";

  private final Scheduler scheduler;
  private final OneTimeTask<Void> dispatch;
  private final OneTimeTask<Void> timeout;
  private final OneTimeTask<Void> settle;
  private final OneTimeTask<Void> round;

  JobScheduler(
      DataSource dataSource,
      ObjectProvider<DeploymentJobs> jobs,
      @Value("${tollgate.automation.threads:8}") int threads,
      @Value("${tollgate.automation.polling-interval:PT1S}") Duration polling,
      @Value("${tollgate.automation.heartbeat-interval:PT10S}") Duration heartbeat) {
    dispatch =
        Tasks.oneTime(DISPATCH)
            .execute((i, ctx) -> jobs.getObject().dispatch(before(i.getId()), attempt(i.getId())));
    timeout = Tasks.oneTime(TIMEOUT).execute((i, ctx) -> jobs.getObject().timeout(i.getId()));
    settle = Tasks.oneTime(SETTLE).execute((i, ctx) -> jobs.getObject().settle(i.getId()));
    round =
        Tasks.oneTime(ROUND)
            .execute((i, ctx) -> jobs.getObject().round(before(i.getId()), attempt(i.getId())));
    DataSource transactional =
        dataSource instanceof TransactionAwareDataSourceProxy
            ? dataSource
            : new TransactionAwareDataSourceProxy(dataSource);
    scheduler =
        Scheduler.create(transactional, dispatch, timeout, settle, round)
            .threads(threads)
            .pollingInterval(polling)
            .heartbeatInterval(heartbeat)
            .enableImmediateExecution()
            .build();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    scheduler.start();
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    scheduler.stop();
  }

  /** Stops this node taking jobs (running ones finish): maintenance, and tests of other nodes. */
  public void pause() {
    scheduler.pause();
  }

  /** Takes jobs again, among them those a dead node left. */
  public void resume() {
    scheduler.resume();
  }

  /** Ask the executor for deployment {@code id} (attempt counts from 1) at {@code at}. */
  public void dispatch(String id, int attempt, Instant at) {
    scheduler.schedule(dispatch.instance(id + ":" + attempt), at);
  }

  public void timeout(String id, Instant at) {
    scheduler.schedule(timeout.instance(id), at);
  }

  public void settleLater(String id, Duration after) {
    scheduler.schedule(settle.instance(id), Instant.now().plus(after));
  }

  /** The step was completed at once: the safety net is not needed. */
  public void settled(String id) {
    cancelQuietly(TaskInstanceId.of(SETTLE, id));
  }

  public void cancelTimeout(String id) {
    cancelQuietly(TaskInstanceId.of(TIMEOUT, id));
  }

  public void round(String id, int round, Instant at) {
    scheduler.schedule(this.round.instance(id + ":" + round), at);
  }

  private void cancelQuietly(TaskInstanceId instance) {
    try {
      scheduler.cancel(instance);
    } catch (RuntimeException notThere) {
      // already run or never scheduled
    }
  }

  private static String before(String instance) {
    int colon = instance.lastIndexOf(':');
    return colon < 0 ? instance : instance.substring(0, colon);
  }

  private static int attempt(String instance) {
    int colon = instance.lastIndexOf(':');
    return colon < 0 ? 1 : Integer.parseInt(instance.substring(colon + 1));
  }
}
