package io.tollgate.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs a command line in this JVM with a chosen environment, capturing what it prints. */
final class InProcess {
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private InProcess() {}

  static Result run(Map<String, String> env, String... args) {
    return runWithInput(env, "", args);
  }

  static Result runWithInput(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Session session =
        new Session(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    int exit = Tollgate.execute(session, args);
    return new Result(exit, out.toString(), err.toString());
  }
}
