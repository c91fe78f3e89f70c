package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code approvals} section: roles with a quorum, every mistake reported at its line. */
class ApprovalsParsingTests {

  /** TINY with an approvals section from line 23; its first item starts at line 24. */
  private static String withApprovals(String... lines) {
    return TINY + "approvals:\n" + String.join("\n", lines) + "\n";
  }

  @Test
  void readsRolesWithTheirQuorumAndTypes() {
    ProcessDefinition p =
        ProcessParser.parse(
            withApprovals(
                "  - role: ops", "  - role: rm", "    quorum: 2", "    appliesTo: [major]"));
    assertThat(p.approvals())
        .containsExactly(
            new ApprovalDef("ops", 1, EnumSet.allOf(ReleaseType.class)),
            new ApprovalDef("rm", 2, Set.of(ReleaseType.MAJOR)));
    assertThat(p.approvalsFor(ReleaseType.MINOR))
        .extracting(ApprovalDef::role)
        .containsExactly("ops");
    assertThat(p.approvalsFor(ReleaseType.MAJOR))
        .extracting(ApprovalDef::role)
        .containsExactly("ops", "rm");
  }

  @Test
  void aProcessWithoutApprovalsNeedsNone() {
    assertThat(ProcessParser.parse(TINY).approvals()).isEmpty();
    assertThat(ProcessParser.builtIn().approvals()).isEmpty();
    assertThat(ProcessParser.parse(TINY + "approvals: []\n").approvals()).isEmpty();
  }

  @Test
  void theStrictProcessAsksForApprovals() throws IOException {
    String yaml;
    try (InputStream in = ProcessParser.class.getResourceAsStream(ProcessParser.STRICT + ".yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ProcessDefinition strict = ProcessParser.parse(yaml);
    assertThat(strict.approvalsFor(ReleaseType.MINOR))
        .extracting(ApprovalDef::role, ApprovalDef::quorum)
        .containsExactly(tuple("qa-lead", 1), tuple("devops", 1));
    assertThat(strict.approvalsFor(ReleaseType.MAJOR))
        .extracting(ApprovalDef::role, ApprovalDef::quorum)
        .containsExactly(tuple("qa-lead", 1), tuple("devops", 1), tuple("developer", 2));
  }

  @Test
  void reportsAnUnknownRoleAndARepeatedOneAtTheirLines() {
    List<ProcessError> errors =
        errors(withApprovals("  - role: opps", "  - role: rm", "  - role: rm", "    quorum: 2"));
    assertThat(errors).extracting(ProcessError::line).containsExactly(24, 26);
    assertThat(errors.get(0).message())
        .startsWith("the approval by 'opps' names unknown role 'opps'")
        .contains("did you mean 'ops'");
    assertThat(errors.get(1).message())
        .isEqualTo(
            "role 'rm' is listed twice under 'approvals' (first at line 25); give it one quorum");
  }

  @Test
  void reportsAQuorumThatIsNotAWholeNumberInRange() {
    assertThat(errors(withApprovals("  - role: rm", "    quorum: 0")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(25);
              assertThat(e.message())
                  .isEqualTo(
                      "'quorum' of the approval by 'rm' must be a whole number from 1 to 10, not"
                          + " '0'");
            });
    for (String bad : List.of("two", "11", "1.5", "-1", "99999999999999999999")) {
      assertThat(errors(withApprovals("  - {role: ops, quorum: " + bad + "}")))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.line()).isEqualTo(24);
                assertThat(e.message()).endsWith("not '" + bad + "'");
              });
    }
    assertThat(errors(withApprovals("  - {role: ops, quorum: ''}")))
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).isEqualTo("'quorum' of the approval by 'ops' is empty"));
    assertThat(errors(withApprovals("  - {role: ops, quorum: [1]}")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("must be a text"));
  }

  @Test
  void reportsAMissingRoleAnUnknownKeyAndABadType() {
    List<ProcessError> errors =
        errors(
            withApprovals(
                "  - quorum: 1",
                "  - role: ops",
                "    quorm: 2",
                "  - role: rm",
                "    appliesTo: [hotfix]"));
    assertThat(errors).extracting(ProcessError::line).containsExactly(24, 26, 28);
    assertThat(errors.get(0).message()).contains("missing the required key 'role'");
    assertThat(errors.get(1).message()).contains("'quorm'").contains("did you mean 'quorum'");
    assertThat(errors.get(2).message()).contains("unknown release type 'hotfix'");
  }

  @Test
  void approvalsMustBeAList() {
    assertThat(errors(TINY + "approvals: qa-lead\n"))
        .singleElement()
        .satisfies(e -> assertThat(e.line()).isEqualTo(23));
  }
}
