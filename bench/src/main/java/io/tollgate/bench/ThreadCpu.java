package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during the release phase's measured window, by process and by
 * thread: each server node's request threads, its background workers (appender, notification
 * sender, ...), the JIT compilers and the collector, then PostgreSQL, HAProxy and the load driver.
 * Read from {@code /proc} (Linux only), so it sees the compiler and GC threads that the JVM's own
 * metrics do not name. The server nodes are the process ids given (bench/two-nodes.sh's {@code
 * TOLLGATE_NODE_PIDS}); the driver is the JVM running {@code tollgate-bench}. Started by {@code
 * bench/nodes.sh} with {@code THREAD_CPU=1}: it waits for the driver's mark file (created when the
 * release phase starts measuring), takes a snapshot, another {@code seconds} later, and prints the
 * difference in cores (CPU seconds per second of the window), so each line divided by the phase's
 * releases per second is that part's CPU per release.
 *
 * <pre>
 * java -cp bench/target/tollgate-bench.jar io.tollgate.bench.ThreadCpu MARK_FILE SECONDS PID...
 * </pre>
 */
public final class ThreadCpu {
  private static final Path PROC = Path.of("/proc");
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ: 100 on every Linux we run on
  private static final double SHOWN_FROM_CORES = 0.01;

  private ThreadCpu() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 3
        || !args[1].matches("[0-9]{1,5}")
        || !Stream.of(args).skip(2).allMatch(a -> a.matches("[0-9]{1,9}"))) {
      System.err.println(
          "usage: ThreadCpu <mark file> <seconds of the measured window> <server pid>...");
      System.exit(2);
    }
    Path mark = Path.of(args[0]);
    long seconds = Long.parseLong(args[1]);
    List<String> nodes = List.of(args).subList(2, args.length);
    if (!awaitCreated(mark, Duration.ofHours(2))) {
      System.err.println("ThreadCpu: " + mark + " never appeared; nothing measured");
      System.exit(1);
    }
    Map<String, Double> before = snapshot(nodes);
    long machineBefore = machineBusyTicks();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000); // the window is a fixed length of time by definition
    Map<String, Double> after = snapshot(nodes);
    long machineAfter = machineBusyTicks();
    double window = (System.nanoTime() - start) / 1e9;
    System.out.print(
        table(before, after, (machineAfter - machineBefore) / TICKS_PER_SECOND, window));
  }

  /**
   * Waits until {@code file} exists, told by the file system (a {@link WatchService} on its folder)
   * rather than by looking again and again; false when it did not appear in time.
   */
  static boolean awaitCreated(Path file, Duration limit) throws IOException, InterruptedException {
    Path folder = file.toAbsolutePath().getParent();
    Instant giveUp = Instant.now().plus(limit);
    try (WatchService watch = folder.getFileSystem().newWatchService()) {
      folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      while (!Files.exists(file)) { // checked after registering, so a creation is never missed
        Duration left = Duration.between(Instant.now(), giveUp);
        if (left.isNegative()) {
          return false;
        }
        WatchKey key = watch.poll(left.toMillis(), TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      return true;
    }
  }

  /** Cores used by each process (its total) and each of its thread groups, largest first. */
  static String table(
      Map<String, Double> before, Map<String, Double> after, double machineBusy, double window) {
    Map<String, Double> cores = new TreeMap<>();
    after.forEach((key, cpu) -> cores.put(key, (cpu - before.getOrDefault(key, 0.0)) / window));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "CPU during the release phase (%.1f s, from /proc): cores, by process and thread%n",
            window));
    double counted = 0;
    List<String> processes = cores.keySet().stream().filter(k -> !k.contains(" / ")).toList();
    for (String process : processes) {
      double total = cores.get(process);
      counted += total;
      out.append(String.format(Locale.ROOT, "  %-44s %6.2f%n", process, total));
      List<Map.Entry<String, Double>> threads = new ArrayList<>();
      cores.forEach(
          (k, v) -> {
            if (k.startsWith(process + " / ") && v >= SHOWN_FROM_CORES) {
              threads.add(Map.entry(k.substring(process.length() + 3), v));
            }
          });
      threads.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
      threads.forEach(
          t ->
              out.append(
                  String.format(Locale.ROOT, "      %-40s %6.2f%n", t.getKey(), t.getValue())));
    }
    double machine = machineBusy / window;
    out.append(String.format(Locale.ROOT, "  %-44s %6.2f%n", "whole machine busy", machine));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-44s %6.2f%n",
            "everything else (kernel, other processes)",
            machine - counted));
    return out.toString();
  }

  /**
   * CPU seconds so far of every process the bench is about, keyed "process" and "process / thread
   * group" ({@link #threadGroup}).
   */
  static Map<String, Double> snapshot(List<String> nodes) throws IOException {
    Map<String, Double> cpu = new LinkedHashMap<>();
    List<Path> pids;
    try (Stream<Path> s = Files.list(PROC)) {
      pids = s.filter(p -> p.getFileName().toString().matches("[0-9]+")).sorted().toList();
    }
    String self = String.valueOf(ProcessHandle.current().pid());
    for (Path pid : pids) {
      if (pid.getFileName().toString().equals(self)) {
        continue; // this sampler, which runs from the driver's jar too
      }
      String comm = read(pid.resolve("comm")).strip();
      int node = nodes.indexOf(pid.getFileName().toString());
      String process =
          node >= 0
              ? "server node " + (node + 1) + " (pid " + pid.getFileName() + ")"
              : processName(comm, read(pid.resolve("cmdline")));
      if (process == null) {
        continue;
      }
      // the process's own total counts its threads that have ended too; its live threads' times
      // (which do not) give the split
      cpu.merge(process, ticks(read(pid.resolve("stat"))), Double::sum);
      if (!comm.equals("java")) {
        continue;
      }
      List<Path> tasks;
      try (Stream<Path> s = Files.list(pid.resolve("task"))) {
        tasks = s.toList();
      } catch (IOException e) {
        continue; // the process ended between the listing and now
      }
      for (Path task : tasks) {
        String stat = read(task.resolve("stat"));
        if (!stat.isEmpty()) {
          String thread = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          cpu.merge(process + " / " + threadGroup(thread), ticks(stat), Double::sum);
        }
      }
    }
    return cpu;
  }

  /**
   * The thread's name as the kernel keeps it (at most 15 characters), its digits replaced by {@code
   * #}; Tomcat's request threads and the JIT's compiler threads under one name each.
   */
  static String threadGroup(String name) {
    if (name.startsWith("http-nio-")) {
      return "requests (http-nio-*-exec-*)";
    }
    if (name.matches("C[12] CompilerThre.*")) {
      return "JIT compilers (C1, C2)";
    }
    return name.replaceAll("[0-9]+", "#");
  }

  /**
   * What the bench calls a process that is not a server node, or null for one it does not follow.
   */
  static String processName(String comm, String cmdline) {
    return switch (comm) {
      case "postgres" -> "postgres (all backends)";
      case "haproxy" -> "haproxy";
      case "java" -> cmdline.contains("tollgate-bench") ? "load driver" : null;
      default -> null;
    };
  }

  /** utime + stime of a {@code stat} line, in seconds. */
  static double ticks(String stat) {
    if (stat.isEmpty()) {
      return 0;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** Every CPU's busy time so far (all but idle and iowait), from {@code /proc/stat}. */
  private static long machineBusyTicks() throws IOException {
    String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length; i++) {
      if (i != 4 && i != 5 && i != 8) { // idle, iowait, steal
        busy += Long.parseLong(f[i]);
      }
    }
    // guest time is already counted in user time
    if (f.length > 10) {
      busy -= Long.parseLong(f[9]) + Long.parseLong(f[10]);
    }
    return busy;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return ""; // the process or thread ended
    }
  }
}
