package io.tollgate.automation.internal;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.DeploymentStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The command executor: runs the configured argv on this node without a shell, with the deployment
 * in {@code TOLLGATE_*} environment variables; each line of its output (stdout and stderr together)
 * is a log line; exit 0 is success; past the timeout the process is killed.
 */
@Component
class CommandExecutor {
  private final Map<String, Process> running = new ConcurrentHashMap<>();

  /** How the command ended. */
  record Result(DeploymentStatus status, String message) {}

  Result run(AutomatedDeployment d, List<String> argv, int timeoutSeconds, Consumer<String> log) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("TOLLGATE_DEPLOYMENT_ID", d.id());
    env.put("TOLLGATE_PRODUCT", d.product());
    env.put("TOLLGATE_ENVIRONMENT", d.environment());
    env.put("TOLLGATE_VERSION", d.version());
    env.put("TOLLGATE_PREVIOUS_VERSION", d.previousVersion() == null ? "" : d.previousVersion());
    env.put("TOLLGATE_KIND", d.kind().id());
    env.put("TOLLGATE_RELEASE", d.release());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(
          DeploymentStatus.FAILED,
          "The command " + argv.get(0) + " could not be started: " + e.getMessage());
    }
    running.put(d.id(), process);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) log.accept(line);
              } catch (IOException | RuntimeException ignored) {
                // the process ended or was killed
              }
            },
            "deployment-log-" + d.id());
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        reader.join(5000);
        return new Result(
            DeploymentStatus.TIMED_OUT,
            "The command ran longer than " + timeoutSeconds + " s and was killed.");
      }
      reader.join(5000);
      int exit = process.exitValue();
      if (!running.containsKey(d.id())) {
        return new Result(DeploymentStatus.CANCELLED, "The command was stopped (cancelled).");
      }
      return exit == 0
          ? new Result(DeploymentStatus.SUCCEEDED, "The command exited with 0.")
          : new Result(DeploymentStatus.FAILED, "The command exited with " + exit + ".");
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(DeploymentStatus.FAILED, "Interrupted while the command ran.");
    } finally {
      running.remove(d.id());
    }
  }

  boolean isRunning(String deploymentId) {
    return running.containsKey(deploymentId);
  }

  /** Kills the command of a deployment if it runs on this node. */
  void stop(String deploymentId) {
    Process process = running.remove(deploymentId);
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
