package io.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the packaged CLI ({@code target/tollgate.jar}) as a separate process, the way a person or a
 * pipeline does, with an environment of the test's choosing (nothing inherited but PATH) and its
 * own empty home and config folder.
 */
final class Cli {
  static final JsonMapper JSON = JsonMapper.builder().build();
  final Path home;
  private final Map<String, String> env = new HashMap<>();
  private Path directory;

  Cli() {
    try {
      home = Files.createTempDirectory("tollgate-cli-home");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
  }

  /** A CLI that talks to the server with this token (TOLLGATE_URL, TOLLGATE_TOKEN). */
  static Cli as(TestServer server, String token) {
    return new Cli().with("TOLLGATE_URL", server.url).with("TOLLGATE_TOKEN", token);
  }

  /** Runs the commands in this folder (default: the CLI's home). */
  Cli in(Path directory) {
    this.directory = directory;
    return this;
  }

  Cli with(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path configFile() {
    return home.resolve("config").resolve("tollgate").resolve("config.json");
  }

  record Result(int exit, String out, String err) {
    JsonNode json() {
      return JSON.readTree(out);
    }

    JsonNode errJson() {
      return JSON.readTree(err);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                TestServer.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return exec(command, stdin);
  }

  /** Through the launcher script, as installed on PATH. */
  Result launcher(String... args) {
    List<String> command =
        new ArrayList<>(List.of("sh", System.getProperty("tollgate.cli.launcher", "tollgate")));
    command.addAll(List.of(args));
    env.put("TOLLGATE_CLI_JAR", jar().toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return exec(command, null);
  }

  private Result exec(List<String> command, String stdin) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).directory((directory != null ? directory : home).toFile());
      String path = System.getenv("PATH");
      pb.environment().clear();
      if (path != null) pb.environment().put("PATH", path);
      pb.environment().putAll(env);
      Process p = pb.start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("tollgate " + command + " did not end in 120 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("tollgate.cli.jar", "target/tollgate.jar"));
    if (!Files.isRegularFile(jar))
      throw new IllegalStateException(jar + " is missing: run after `package`");
    return jar;
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
