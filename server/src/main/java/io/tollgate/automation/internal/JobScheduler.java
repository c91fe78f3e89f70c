package io.tollgate.automation.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
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
 *   <li>{@code verification-round} ({@code <id>:<round>}): one round of checks;
 *   <li>{@code deployment-follow-up} ({@code <id>}): what follows an ended deployment (auto-verify,
 *       auto-rollback, verification after a rollback), scheduled when its step was completed;
 *   <li>{@code deployment-cancel-notice} ({@code <id>:<attempt>}): tell the pipeline of a cancel.
 * </ul>
 *
 * <p>Every node runs jobs unless {@code tollgate.automation.run-jobs} is false. A node is dead for
 * the others when it has not renewed the heartbeat of a job it runs for {@code heartbeat-interval}
 * × {@code missed-heartbeats} (10 s × 6 by default); every node looks for dead jobs every two
 * heartbeat intervals and runs them again.
 */
@Component
public class JobScheduler {
  static final String DISPATCH = "deployment-dispatch";
  static final String TIMEOUT = "deployment-timeout";
  static final String SETTLE = "deployment-settle";
  static final String ROUND = "verification-round";
  static final String FOLLOW_UP = "deployment-follow-up";
  static final String CANCEL_NOTICE = "deployment-cancel-notice";

  private final Scheduler scheduler;
  private final OneTimeTask<Void> dispatch;
  private final OneTimeTask<Void> timeout;
  private final OneTimeTask<Void> settle;
  private final OneTimeTask<Void> round;
  private final OneTimeTask<Void> followUp;
  private final OneTimeTask<Void> cancelNotice;
  private final boolean runJobs;

  JobScheduler(
      DataSource dataSource,
      ObjectProvider<DeploymentJobs> jobs,
      @Value("${tollgate.automation.threads:8}") int threads,
      @Value("${tollgate.automation.polling-interval:PT1S}") Duration polling,
      @Value("${tollgate.automation.heartbeat-interval:PT10S}") Duration heartbeat,
      @Value("${tollgate.automation.missed-heartbeats:6}") int missedHeartbeats,
      @Value("${tollgate.automation.node-name:}") String nodeName,
      @Value("${tollgate.automation.run-jobs:true}") boolean runJobs) {
    this.runJobs = runJobs;
    dispatch =
        Tasks.oneTime(DISPATCH)
            .execute((i, ctx) -> jobs.getObject().dispatch(before(i.getId()), attempt(i.getId())));
    timeout = Tasks.oneTime(TIMEOUT).execute((i, ctx) -> jobs.getObject().timeout(i.getId()));
    settle = Tasks.oneTime(SETTLE).execute((i, ctx) -> jobs.getObject().settle(i.getId()));
    round =
        Tasks.oneTime(ROUND)
            .execute((i, ctx) -> jobs.getObject().round(before(i.getId()), attempt(i.getId())));
    followUp = Tasks.oneTime(FOLLOW_UP).execute((i, ctx) -> jobs.getObject().followUp(i.getId()));
    cancelNotice =
        Tasks.oneTime(CANCEL_NOTICE)
            .execute(
                (i, ctx) -> jobs.getObject().cancelNotice(before(i.getId()), attempt(i.getId())));
    DataSource transactional =
        dataSource instanceof TransactionAwareDataSourceProxy
            ? dataSource
            : new TransactionAwareDataSourceProxy(dataSource);
    scheduler =
        Scheduler.create(transactional, dispatch, timeout, settle, round, followUp, cancelNotice)
            .threads(threads)
            .pollingInterval(polling)
            .heartbeatInterval(heartbeat)
            .missedHeartbeatsLimit(missedHeartbeats)
            .schedulerName(new SchedulerName.Fixed(name(nodeName)))
            .enableImmediateExecution()
            .build();
  }

  /**
   * Starts running jobs, unless {@code tollgate.automation.run-jobs} is false: a node that only
   * schedules them (an API node; or a test server beside other nodes on one database).
   */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (runJobs) scheduler.start();
  }

  @EventListener(ContextClosedEvent.class)
  void stop() {
    if (runJobs) scheduler.stop();
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

  /** Schedules the follow-up of a deployment whose step was just completed (now). */
  public void followUp(String id) {
    scheduler.scheduleIfNotExists(followUp.instance(id), Instant.now());
  }

  public void cancelNotice(String id, int attempt, Instant at) {
    scheduler.scheduleIfNotExists(cancelNotice.instance(id + ":" + attempt), at);
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

  /**
   * The name a node writes in {@code picked_by}: given, or the host name with this process's id and
   * a random suffix, so that two nodes on one host are told apart in the table and in logs.
   */
  static String name(String given) {
    if (given != null && !given.isBlank()) return given.strip();
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "node";
    }
    String name =
        host
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + Integer.toHexString(
                java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16));
    return name.length() > 50 ? name.substring(name.length() - 50) : name;
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
