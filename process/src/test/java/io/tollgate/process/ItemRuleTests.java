package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.WITH_PLAYBOOK;
import static io.tollgate.process.Fixtures.errors;
import static io.tollgate.process.Fixtures.insertAfter;
import static io.tollgate.process.Fixtures.removeLine;
import static io.tollgate.process.Fixtures.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rules of single items: who owns or signs a requirement, which steps act on an environment,
 * which steps can meet requirements or open incidents, what a rollback rolls back.
 */
class ItemRuleTests {

  private static final String REQUIREMENTS_AT_23 =
      """
      requirements:
        - key: trained
          title: Trained
      """;

  @Test
  void reportsARequirementWithNeitherOwnerNorSigners() {
    assertThat(errors(TINY + REQUIREMENTS_AT_23))
        .containsExactly(
            new ProcessError(
                24,
                "requirement 'trained' needs an 'owner' (one role) or 'signers' (two or more roles"
                    + " that must all sign)"));
  }

  @Test
  void reportsARequirementWithBothOwnerAndSigners() {
    String yaml = TINY + REQUIREMENTS_AT_23 + "    owner: rm\n    signers: [rm, ops]\n";

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                27,
                "requirement 'trained' has both 'owner' and 'signers'; use 'owner' for one role, or"
                    + " 'signers' for two or more roles that must all sign"));
  }

  @Test
  void reportsSignersThatAreNotTwoDistinctRoles() {
    assertThat(errors(TINY + REQUIREMENTS_AT_23 + "    signers: [rm, rm]\n"))
        .containsExactly(
            new ProcessError(
                26, "'signers' of requirement 'trained' lists 'rm' twice (first at line 26)"),
            new ProcessError(
                26,
                "requirement 'trained' has only one signer; 'signers' needs two or more different"
                    + " roles, use 'owner' for a single role"));
  }

  @Test
  void readsSeveralSignersWithTheFirstAsOwner() {
    ProcessDefinition process =
        ProcessParser.parse(TINY + REQUIREMENTS_AT_23 + "    signers: [ops, rm]\n");

    RequirementDef trained = process.requirement("trained").orElseThrow();
    assertThat(trained.signers()).containsExactly("ops", "rm");
    assertThat(trained.owner()).isEqualTo("ops");
  }

  @Test
  void reportsAnUnknownRequirementCheck() {
    assertThat(errors(TINY + REQUIREMENTS_AT_23 + "    owner: rm\n    check: notes-done\n"))
        .containsExactly(
            new ProcessError(
                27,
                "'check' of requirement 'trained' is 'notes-done'; use one of none,"
                    + " notes-complete, zero-failures"));
  }

  @Test
  void reportsARequirementMetByAStepWithoutOutcome() {
    assertThat(errors(TINY + REQUIREMENTS_AT_23 + "    owner: rm\n    metBy: [prepare]\n"))
        .containsExactly(
            new ProcessError(
                27,
                "requirement 'trained' is met by step 'prepare', a manual step; only deploy,"
                    + " smoke-test and verification steps succeed and can meet a requirement"));
  }

  @Test
  void reportsADeployStepWithoutEnvironment() {
    assertThat(errors(removeLine(TINY, 21)))
        .containsExactly(
            new ProcessError(
                17,
                "step 'ship' is a deploy step and needs an 'environment' (the one it acts on, e.g."
                    + " staging or production)"));
  }

  @Test
  void reportsAnEnvironmentOnAStepThatDoesNotActOnOne() {
    assertThat(errors(insertAfter(TINY, 11, "    environment: staging")))
        .containsExactly(
            new ProcessError(
                12,
                "step 'prepare' is a manual step, so it must not name an 'environment'; only"
                    + " deploy, smoke-test and verification steps act on one"));
  }

  @Test
  void reportsASmokeTestInAnEnvironmentNoStepDeploysTo() {
    String yaml =
        TINY
            + """
              - key: smoke
                title: Smoke test
                owner: ops
                kind: smoke-test
                environment: staging
            """;

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                27,
                "smoke-test step 'smoke' runs in environment 'staging', but no deploy step deploys"
                    + " there; deploy steps deploy to production"));
  }

  @Test
  void reportsMeetsOnAStepWithoutOutcome() {
    String yaml =
        insertAfter(TINY + REQUIREMENTS_AT_23 + "    owner: rm\n", 11, "    meets: [trained]");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                12,
                "step 'prepare' is a manual step and cannot meet requirements; only deploy,"
                    + " smoke-test and verification steps succeed or fail"));
  }

  @Test
  void reportsIncidentOnFailureOnAStepThatCannotFail() {
    assertThat(errors(insertAfter(WITH_PLAYBOOK, 11, "    incidentOnFailure: true")))
        .containsExactly(
            new ProcessError(
                12,
                "step 'prepare' is a manual step, which cannot fail, so 'incidentOnFailure' does"
                    + " not apply; only deploy, smoke-test and verification steps have an"
                    + " outcome"));
  }

  @Test
  void reportsIncidentOnFailureWithoutPlaybook() {
    assertThat(errors(insertAfter(TINY, 22, "    incidentOnFailure: true")))
        .containsExactly(
            new ProcessError(
                23,
                "step 'ship' opens an incident on failure, but the process has no playbook steps;"
                    + " add a 'playbook' with steps"));
    assertThat(
            ProcessParser.validate(insertAfter(WITH_PLAYBOOK, 22, "    incidentOnFailure: true")))
        .isEmpty();
  }

  @Test
  void reportsARollbackWithoutEnvironment() {
    assertThat(errors(removeLine(WITH_PLAYBOOK, 33)))
        .containsExactly(
            new ProcessError(
                29, "playbook step 'rollback' is missing the required key 'environment'"));
  }

  @Test
  void reportsARollbackOfAnEnvironmentNoStepDeploysTo() {
    assertThat(errors(replaceLine(WITH_PLAYBOOK, 33, "      environment: prod")))
        .containsExactly(
            new ProcessError(
                33,
                "playbook step 'rollback' rolls back environment 'prod', but no checklist step"
                    + " deploys there; deploy steps deploy to production"));
  }

  @Test
  void reportsAnEnvironmentOnAPlaybookStepThatDoesNotRollBack() {
    assertThat(errors(insertAfter(WITH_PLAYBOOK, 28, "      environment: production")))
        .containsExactly(
            new ProcessError(
                29,
                "playbook step 'halt' names an 'environment', but only steps with 'action:"
                    + " rollback' act on one"));
  }

  @Test
  void reportsAPlaybookWithoutSteps() {
    assertThat(errors(TINY + "playbook:\n  trigger: Failure\n"))
        .containsExactly(
            new ProcessError(
                23,
                "the playbook has no steps; list at least one under 'steps', or leave out"
                    + " 'playbook'"));
  }

  @Test
  void reportsAnUnknownKindOnceWithoutFollowUpNoise() {
    assertThat(errors(replaceLine(TINY, 15, "    kind: decison")))
        .extracting(ProcessError::line)
        .containsExactly(15);
  }
}
