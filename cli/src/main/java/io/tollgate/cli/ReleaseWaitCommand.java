package io.tollgate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code tollgate release wait}: polls a release until it reaches one of the given statuses. Exit 0
 * when it does, 1 when it ends in another final status first, 6 when the timeout passes.
 */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = {
      "Wait until a release reaches a status, with a progress line on stderr.",
      "Exits 0 when it does, 1 when the release ends first in another final status",
      "(closed, cancelled, rolled-back), 6 when the timeout passes. While the server",
      "cannot be reached or fails (5xx) it keeps trying until the timeout."
    })
final class ReleaseWaitCommand extends ApiCommand {
  /** Statuses a release never leaves. */
  static final Set<String> FINAL = Set.of("closed", "cancelled", "rolled-back");

  @Parameters(
      index = "0",
      paramLabel = "RELEASE",
      description = "the release: its id, or PRODUCT@VERSION")
  String id;

  @Option(
      names = "--status",
      required = true,
      split = ",",
      paramLabel = "STATUS",
      description = "one or more statuses, e.g. approved or released,closed")
  List<String> statuses;

  @Option(
      names = "--timeout",
      defaultValue = "30m",
      converter = Durations.class,
      description = "give up after this long: 90s, 30m, 2h (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      converter = Durations.class,
      description = "time between two looks (default ${DEFAULT-VALUE})")
  Duration interval;

  @Option(names = "--quiet", description = "no progress line")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    PrintWriter err = session().err();
    boolean terminal = System.console() != null;
    String last = null;
    long started = System.nanoTime();
    String path = release(id);
    while (true) {
      JsonNode r;
      try {
        r = api().get(path);
      } catch (CliException e) {
        // a pipeline waits for hours: a restarting server or a dropped connection is waited out
        if (e.exitCode() != ExitCodes.SERVER || deadline - System.nanoTime() <= 0) throw e;
        err.println("tollgate: " + e.getMessage() + "; trying again");
        err.flush();
        Thread.sleep(
            Math.max(1, Math.min(interval.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
        continue;
      }
      String status = ReleaseView.text(r, "status");
      String line =
          ReleaseView.title(r)
              + " · "
              + ReleaseView.progress(r)
              + " · waiting for "
              + String.join(" or ", statuses);
      if (!quiet && !line.equals(last)) {
        String elapsed = Durations.format(Duration.ofNanos(System.nanoTime() - started));
        if (terminal) err.print("\r\033[K" + line + " · " + elapsed);
        else err.println(line + " · " + elapsed);
        err.flush();
        last = line;
      }
      if (statuses.contains(status)) {
        endLine(err, terminal);
        return answer(r, "Reached: " + ReleaseView.title(r));
      }
      if (FINAL.contains(status)) {
        endLine(err, terminal);
        if (json()) printJson(r);
        throw new CliException(
            ExitCodes.REFUSED,
            "The release ended in status "
                + status
                + " without reaching "
                + String.join(" or ", statuses));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        endLine(err, terminal);
        if (json()) printJson(r);
        throw new CliException(
            ExitCodes.TIMEOUT,
            "Timed out after "
                + Durations.format(timeout)
                + ": the release is "
                + status
                + ", not "
                + String.join(" or ", statuses));
      }
      Thread.sleep(Math.min(interval.toMillis(), Math.max(1, left / 1_000_000)));
    }
  }

  private static void endLine(PrintWriter err, boolean terminal) {
    if (terminal) {
      err.println();
      err.flush();
    }
  }
}
