package io.tollgate.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The release and incident commands the HTTP fuzz target sends, and how it reads one request out of
 * the fuzzer's bytes: the first {@value #HEADER} bytes choose the command, the key it acts on, who
 * sends it, the content type, an {@code If-Match}, and which release or incident; the rest is the
 * body, as it is. So a seed is a readable file: six choice bytes, then a JSON body.
 */
final class FuzzedCommands {
  /** How many leading bytes choose the request; the body follows. */
  static final int HEADER = 6;

  private FuzzedCommands() {}

  static final List<String> ODD_KEYS = List.of("nope", "a".repeat(300), "%C3%A9", "-");
  static final List<String> CONTENT_TYPES =
      List.of(
          "application/json; charset=ISO-8859-1",
          "application/json;charset=UTF-16",
          "application/json; charset=nonsense",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/*",
          "*/*",
          "application",
          ";",
          "application/problem+json",
          "");
  static final List<String> IF_MATCH =
      List.of(
          "\"1\"",
          "W/\"2\"",
          "*",
          "\"-1\"",
          "\"99999999999999999999\"",
          "\"abc\"",
          "\"\"",
          "\"1\", \"2\"",
          "9223372036854775807");

  static final Map<String, String> REQUIREMENT_OWNERS =
      Map.of(
          "acceptance-criteria", "qa-lead",
          "ci-security", "devops",
          "release-notes", "release-manager",
          "rollback-plan", "devops",
          "smoke-tests", "qa-lead",
          "support-trained", "support");
  static final Map<String, String> STEP_OWNERS =
      Map.of(
          "schedule-window", "release-manager",
          "backup", "devops",
          "quality-gate", "qa-lead",
          "deploy-staging", "devops",
          "smoke-staging", "qa-lead",
          "go-no-go", "release-manager",
          "deploy-production", "devops",
          "verify-production", "devops",
          "announce", "release-manager",
          "monitor-customers", "support");
  static final Map<String, String> HANDOFF_RECEIVERS =
      Map.of(
          "qa-to-rm", "release-manager",
          "rm-to-devops", "devops",
          "devops-to-rm", "release-manager",
          "rm-to-support", "support");
  static final Map<String, String> PLAYBOOK_OWNERS =
      Map.of(
          "trigger-incident", "release-manager",
          "execute-rollback", "devops",
          "notify-oncall", "devops",
          "verify-rollback", "qa-lead",
          "root-cause", "release-manager",
          "customer-comms", "support");
  static final Map<String, String> ONLY_MANAGER = Map.of("", "release-manager");

  /** A command: its method, path (with {release}/{incident}/{key}), body fields, owners of keys. */
  record Command(
      String name,
      String method,
      String path,
      List<String> fields,
      Map<String, String> owners,
      String... validBodies) {}

  static final List<Command> COMMANDS =
      List.of(
          new Command(
              "plan",
              "POST",
              "/api/v1/products/{product}/releases",
              List.of("type", "version", "name", "summary", "window.start", "window.end"),
              ONLY_MANAGER,
              "{\"type\":\"minor\",\"name\":\"Fuzzed\"}",
              "{\"type\":\"major\"}",
              "{\"type\":\"patch\"}",
              "{\"type\":\"major\",\"version\":\"999999999999999999.0.0\"}"),
          new Command(
              "meet",
              "POST",
              "/api/v1/releases/{release}/requirements/{key}/meet",
              List.of("evidence.url", "evidence.note"),
              REQUIREMENT_OWNERS,
              "{\"evidence\":{\"url\":\"https://ci.example/builds/1\",\"note\":\"ok\"}}"),
          new Command(
              "complete",
              "POST",
              "/api/v1/releases/{release}/steps/{key}/complete",
              List.of("note", "evidence.url", "evidence.note", "outcome"),
              STEP_OWNERS,
              "{\"note\":\"done\",\"outcome\":\"succeeded\"}"),
          new Command(
              "skip",
              "POST",
              "/api/v1/releases/{release}/steps/{key}/skip",
              List.of("reason"),
              STEP_OWNERS,
              "{\"reason\":\"not needed\"}"),
          new Command(
              "decide",
              "POST",
              "/api/v1/releases/{release}/decision",
              List.of("decision", "rationale"),
              ONLY_MANAGER,
              "{\"decision\":\"go\",\"rationale\":\"all gates met\"}"),
          new Command(
              "notes",
              "PUT",
              "/api/v1/releases/{release}/notes",
              List.of("summary", "notableChanges", "migrationSteps", "knownIssues"),
              Map.of("", "release-manager", "qa", "qa-lead"),
              "{\"summary\":\"Faster\",\"notableChanges\":[\"One page\"]}"),
          new Command(
              "cancel",
              "POST",
              "/api/v1/releases/{release}/cancel",
              List.of("reason"),
              ONLY_MANAGER,
              "{\"reason\":\"postponed\"}"),
          new Command(
              "acknowledge",
              "POST",
              "/api/v1/releases/{release}/handoffs/{key}/acknowledge",
              List.of(),
              HANDOFF_RECEIVERS,
              ""),
          new Command(
              "incident-open",
              "POST",
              "/api/v1/releases/{release}/incidents",
              List.of("severity", "summary"),
              Map.of("", "devops"),
              "{\"severity\":\"high\",\"summary\":\"Checkout slow\"}"),
          new Command(
              "incident-complete",
              "POST",
              "/api/v1/incidents/{incident}/steps/{key}/complete",
              List.of("note"),
              PLAYBOOK_OWNERS,
              "{\"note\":\"done\"}"),
          new Command(
              "incident-skip",
              "POST",
              "/api/v1/incidents/{incident}/steps/{key}/skip",
              List.of("reason"),
              PLAYBOOK_OWNERS,
              "{\"reason\":\"not needed\"}"),
          new Command(
              "incident-resolve",
              "POST",
              "/api/v1/incidents/{incident}/resolve",
              List.of("rootCause", "actionItems"),
              ONLY_MANAGER,
              "{\"rootCause\":\"a slow query\",\"actionItems\":[\"add an index\"]}"),
          new Command(
              "approve",
              "POST",
              "/api/v1/releases/{release}/approvals",
              List.of("role", "comment"),
              Map.of("", "qa-lead"),
              "{\"role\":\"qa-lead\",\"comment\":\"fine\"}"));

  /** The roles of the team the target acts as, in the order the role byte counts them. */
  static final List<String> ROLES =
      List.of("release-manager", "qa-lead", "devops", "developer", "support");

  /** One request: which command, on what, as whom, with which body. */
  record Request(
      Command command,
      String key,
      String role,
      String contentType,
      String ifMatch,
      int release,
      int incident,
      byte[] body) {
    @Override
    public String toString() {
      return command.name()
          + " "
          + command.path()
          + " key="
          + key
          + " as "
          + role
          + " content-type="
          + contentType
          + " if-match="
          + ifMatch
          + " on release #"
          + release
          + "/incident #"
          + incident
          + " body="
          + new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * The request the bytes say. Byte 0: the command (modulo their number). Byte 1: the key, among
   * the command's keys (in alphabetical order) and then a few odd ones. Byte 2: below 160 the key's
   * owner, else one of {@link #ROLES}. Byte 3: low four bits the content type (0: {@code
   * application/json}), high four bits an {@code If-Match} (0: none). Bytes 4 and 5: which release
   * and which incident of those the run made. Missing bytes count as 0.
   */
  static Request read(byte[] input) {
    byte[] head = Arrays.copyOf(input, HEADER);
    byte[] body =
        input.length > HEADER ? Arrays.copyOfRange(input, HEADER, input.length) : new byte[0];
    Command command = COMMANDS.get(unsigned(head[0]) % COMMANDS.size());
    List<String> keys = List.copyOf(new TreeSet<>(command.owners().keySet())); // a stable order
    int k = unsigned(head[1]) % (keys.size() + ODD_KEYS.size());
    String key = k < keys.size() ? keys.get(k) : ODD_KEYS.get(k - keys.size());
    int who = unsigned(head[2]);
    String role =
        who < 160 && command.owners().containsKey(key)
            ? command.owners().get(key)
            : ROLES.get(who % ROLES.size());
    int types = unsigned(head[3]) & 0x0f;
    String contentType =
        types == 0 ? "application/json" : CONTENT_TYPES.get((types - 1) % CONTENT_TYPES.size());
    int match = unsigned(head[3]) >> 4;
    String ifMatch = match == 0 ? null : IF_MATCH.get((match - 1) % IF_MATCH.size());
    return new Request(
        command, key, role, contentType, ifMatch, unsigned(head[4]), unsigned(head[5]), body);
  }

  private static int unsigned(byte b) {
    return b & 0xff;
  }
}
