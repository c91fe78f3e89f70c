package io.tollgate.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A background thread lowers its own priority, and only its own: read back from the kernel ({@code
 * /proc/thread-self/stat}, field 19 is the nice value). Linux only.
 */
class BackgroundPriorityTests {
  private static int niceOfCurrentThread() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    // the command name (field 2) is in parentheses and may hold spaces: count from after it
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(rest[16]); // field 19 of the line, 17th after the name
  }

  @Test
  void aBackgroundThreadRunsAtNiceTenAndTheOthersAreLeftAlone() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
    int before = niceOfCurrentThread();
    AtomicReference<Object> seen = new AtomicReference<>();
    Thread t =
        new Thread(
            BackgroundPriority.lowered(
                () -> {
                  try {
                    seen.set(niceOfCurrentThread());
                  } catch (IOException e) {
                    seen.set(e);
                  }
                }));
    t.start();
    t.join();
    assumeTrue(seen.get() instanceof Integer, "could not read the nice value: " + seen.get());
    assertThat(seen.get()).as("the background thread").isEqualTo(BackgroundPriority.NICE);
    assertThat(niceOfCurrentThread()).as("the thread that started it").isEqualTo(before);
  }

  @Test
  void theThreadIdIsTheKernelsIdOfTheCallingThread() throws IOException {
    assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
    String tid = BackgroundPriority.currentThreadId();
    assertThat(tid).isNotNull().containsOnlyDigits();
    assertThat(Files.readString(Path.of("/proc/self/task/" + tid + "/comm")))
        .as("a thread of this process")
        .isNotEmpty();
  }
}
