package io.tollgate.bench;

import static io.tollgate.bench.Flow.DEVOPS;
import static io.tollgate.bench.Flow.QA_LEAD;
import static io.tollgate.bench.Flow.RELEASE_MANAGER;
import static io.tollgate.bench.Flow.SUPPORT;
import static io.tollgate.bench.Flow.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one release sends, planned to closed: the create, the commands of the built-in process in
 * order, each as its role, and the read that checks it closed. Each command's name is the name it
 * is timed under.
 */
final class HappyPath {
  private HappyPath() {}

  /** One command of the happy path: who sends it, where, with what body. */
  record Command(String name, String role, String method, String suffix, String body) {}

  /** The happy path after the create, in order; the suffix follows /api/v1/releases/{id}. */
  static final List<Command> COMMANDS = happyPath();

  static final String CREATE = "create release (patch)";
  static final String VERIFY = "GET release (verify closed)";

  /** Every timed command of a release, in the order they are sent. */
  static final List<String> COMMAND_NAMES = commandNames();

  private static List<String> commandNames() {
    List<String> names = new ArrayList<>();
    names.add(CREATE);
    COMMANDS.forEach(c -> names.add(c.name()));
    names.add(VERIFY);
    return List.copyOf(names);
  }

  private static List<Command> happyPath() {
    String evidence = json(Map.of("evidence", Map.of("url", "https://ci.example/1", "note", "ok")));
    String succeeded = json(Map.of("outcome", "succeeded"));
    List<Command> path = new ArrayList<>();
    path.add(
        new Command(
            "PUT notes",
            RELEASE_MANAGER,
            "PUT",
            "/notes",
            json(
                Map.of(
                    "summary",
                    "Benchmark release",
                    "notableChanges",
                    List.of("Nothing, this is a load test.")))));
    path.add(meet("acceptance-criteria", QA_LEAD, evidence));
    path.add(meet("ci-security", DEVOPS, evidence));
    path.add(meet("rollback-plan", DEVOPS, evidence));
    path.add(meet("release-notes", RELEASE_MANAGER, evidence));
    path.add(meet("support-trained", RELEASE_MANAGER, evidence));
    path.add(meet("support-trained", SUPPORT, evidence));
    path.add(complete("schedule-window", RELEASE_MANAGER, json(Map.of("note", "window set"))));
    path.add(
        new Command(
            "skip backup [devops]",
            DEVOPS,
            "POST",
            "/steps/backup/skip",
            json(Map.of("reason", "no data change"))));
    path.add(complete("quality-gate", QA_LEAD, "{}"));
    path.add(complete("deploy-staging", DEVOPS, succeeded));
    path.add(complete("smoke-staging", QA_LEAD, succeeded));
    path.add(
        new Command(
            "decide go [release-manager]",
            RELEASE_MANAGER,
            "POST",
            "/decision",
            json(Map.of("decision", "go", "rationale", "all green"))));
    path.add(complete("deploy-production", DEVOPS, succeeded));
    path.add(complete("verify-production", DEVOPS, succeeded));
    path.add(complete("announce", RELEASE_MANAGER, "{}"));
    path.add(complete("monitor-customers", SUPPORT, "{}"));
    path.add(acknowledge("qa-to-rm", RELEASE_MANAGER));
    path.add(acknowledge("rm-to-devops", DEVOPS));
    path.add(acknowledge("devops-to-rm", RELEASE_MANAGER));
    path.add(acknowledge("rm-to-support", SUPPORT));
    return List.copyOf(path);
  }

  private static Command meet(String requirement, String role, String body) {
    return new Command(
        "meet " + requirement + " [" + role + "]",
        role,
        "POST",
        "/requirements/" + requirement + "/meet",
        body);
  }

  private static Command complete(String step, String role, String body) {
    return new Command(
        "complete " + step + " [" + role + "]", role, "POST", "/steps/" + step + "/complete", body);
  }

  private static Command acknowledge(String handoff, String role) {
    return new Command(
        "acknowledge " + handoff + " [" + role + "]",
        role,
        "POST",
        "/handoffs/" + handoff + "/acknowledge",
        "{}");
  }
}
