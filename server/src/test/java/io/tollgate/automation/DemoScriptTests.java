package io.tollgate.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --demo executor's script: it deploys, and fails a version containing "broken". */
class DemoScriptTests {
  @TempDir Path dir;

  record Run(int exit, String output) {}

  Run run(String version) throws IOException, InterruptedException {
    Path script = dir.resolve("demo-deploy.sh");
    try (InputStream in =
        DemoScriptTests.class.getResourceAsStream("/io/tollgate/demo/demo-deploy.sh")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
    pb.environment()
        .putAll(
            Map.of(
                "TOLLGATE_VERSION", version,
                "TOLLGATE_ENVIRONMENT", "staging",
                "TOLLGATE_KIND", "deploy",
                "TOLLGATE_PREVIOUS_VERSION", "1.1.0"));
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void deploysAVersionAndFailsABrokenOne() throws Exception {
    Run good = run("1.2.0");
    assertThat(good.exit()).isZero();
    assertThat(good.output())
        .contains("Deploying octoshop 1.2.0 to staging (deploy, was 1.1.0)")
        .contains("rolling out 3 pods")
        .contains("octoshop 1.2.0 runs on staging");
    Run broken = run("1.3.0-broken");
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.output()).contains("crash-looping");
  }
}
