package io.tollgate.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background threads that must not take CPU from the commands (notification delivery) run at a
 * lower scheduling priority: on Linux the thread lowers its own nice value to {@value #NICE} when
 * it starts, so that while the cores are busy the scheduler gives the commands' threads about ten
 * times its share, and it still gets whatever they leave idle. Java's own thread priorities do
 * nothing on Linux unless the JVM is started with a flag, so each such thread asks {@code renice}
 * for its own thread id (any process may lower its own threads' priority; no privilege is needed).
 * Where that cannot be done (not Linux, no {@code renice}) the thread runs at the normal priority,
 * said once in the log.
 */
public final class BackgroundPriority {
  private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);

  /** The nice value of background threads (0 is normal, 19 the lowest). */
  public static final int NICE = 10;

  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final AtomicBoolean warned = new AtomicBoolean();

  private BackgroundPriority() {}

  /** Wraps a task so that the thread running it first lowers its own priority. */
  public static Runnable lowered(Runnable task) {
    return () -> {
      lowerCurrentThread();
      task.run();
    };
  }

  /**
   * Lowers the calling thread's priority to nice {@value #NICE}; answers whether it did. Costs one
   * short-lived process, so call it once per thread, when the thread starts.
   */
  public static boolean lowerCurrentThread() {
    String tid = currentThreadId();
    if (tid == null) return notLowered("this system has no /proc/thread-self");
    try {
      Process renice =
          new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!renice.waitFor(5, TimeUnit.SECONDS)) {
        renice.destroyForcibly();
        return notLowered("renice did not answer within 5 s");
      }
      return renice.exitValue() == 0 || notLowered("renice exited " + renice.exitValue());
    } catch (IOException e) {
      return notLowered("renice could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The kernel's id of the calling thread, or null where there is no {@code /proc/thread-self}. */
  static String currentThreadId() {
    try {
      if (!Files.exists(THREAD_SELF)) return null;
      String target = Files.readSymbolicLink(THREAD_SELF).toString(); // "<pid>/task/<tid>"
      String tid = target.substring(target.lastIndexOf('/') + 1);
      return tid.chars().allMatch(Character::isDigit) && !tid.isEmpty() ? tid : null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static boolean notLowered(String why) {
    if (warned.compareAndSet(false, true)) {
      log.info("Background threads run at the normal priority: {}", why);
    }
    return false;
  }
}
