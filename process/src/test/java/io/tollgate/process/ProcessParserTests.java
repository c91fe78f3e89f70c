package io.tollgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.process.PlaybookStepDef.Action;
import io.tollgate.process.RequirementDef.Check;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in process, defaults, and what the parser fills in. */
class ProcessParserTests {

  static final Set<ReleaseType> ALL = EnumSet.allOf(ReleaseType.class);

  @Test
  void builtInIsTheOctoAcmeGuide() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThat(process.id()).isEqualTo(ProcessParser.BUILT_IN).isEqualTo("octoacme-standard");
    assertThat(process.name()).isEqualTo("OctoAcme Release & Deployment Guide");
    assertThat(process.description()).startsWith("Standardize how OctoAcme releases features");
  }

  @Test
  void builtInHasTheGuidesFiveRolesWithTheirResponsibilities() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThat(process.roles())
        .extracting(Role::key, Role::name)
        .containsExactly(
            tuple("release-manager", "Release Manager"),
            tuple("qa-lead", "QA Lead"),
            tuple("devops", "DevOps Engineer"),
            tuple("developer", "Developer"),
            tuple("support", "Support/Customer Success Specialist"));
    assertThat(process.role("release-manager").orElseThrow().responsibilities())
        .hasSize(5)
        .first()
        .isEqualTo("Owns the end-to-end release process and go/no-go decision");
    assertThat(process.role("support").orElseThrow().responsibilities()).hasSize(3);
  }

  @Test
  void builtInHasTheGuidesSixRequirements() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThat(process.requirements())
        .extracting(RequirementDef::key, RequirementDef::owner)
        .containsExactly(
            tuple("acceptance-criteria", "qa-lead"),
            tuple("ci-security", "devops"),
            tuple("release-notes", "release-manager"),
            tuple("rollback-plan", "devops"),
            tuple("smoke-tests", "qa-lead"),
            tuple("support-trained", "release-manager"));
    RequirementDef supportTrained = process.requirement("support-trained").orElseThrow();
    assertThat(supportTrained.signers()).containsExactly("release-manager", "support");
    assertThat(supportTrained.needsSeveralSignatures()).isTrue();
    assertThat(process.requirement("acceptance-criteria").orElseThrow().needsSeveralSignatures())
        .isFalse();
    assertThat(process.requirement("release-notes").orElseThrow().check())
        .isEqualTo(Check.NOTES_COMPLETE);
    assertThat(process.requirements())
        .filteredOn(r -> !r.key().equals("release-notes"))
        .extracting(RequirementDef::check)
        .containsOnly(Check.NONE);
    assertThat(process.requirement("smoke-tests").orElseThrow().metBy())
        .containsExactly("smoke-staging");
    assertThat(process.requirements())
        .filteredOn(r -> !r.key().equals("smoke-tests"))
        .allSatisfy(r -> assertThat(r.metBy()).isEmpty());
    assertThat(process.requirements()).allSatisfy(r -> assertThat(r.appliesTo()).isEqualTo(ALL));
  }

  @Test
  void builtInHasTheTenChecklistStepsInTheGuidesOrderWithTheirOwners() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThat(process.steps())
        .extracting(StepDef::key, StepDef::owner, StepDef::kind, StepDef::optional)
        .containsExactly(
            tuple("schedule-window", "release-manager", StepKind.MANUAL, false),
            tuple("backup", "devops", StepKind.MANUAL, true),
            tuple("quality-gate", "qa-lead", StepKind.MANUAL, false),
            tuple("deploy-staging", "devops", StepKind.DEPLOY, false),
            tuple("smoke-staging", "qa-lead", StepKind.SMOKE_TEST, false),
            tuple("go-no-go", "release-manager", StepKind.DECISION, false),
            tuple("deploy-production", "devops", StepKind.DEPLOY, false),
            tuple("verify-production", "devops", StepKind.VERIFICATION, false),
            tuple("announce", "release-manager", StepKind.MANUAL, false),
            tuple("monitor-customers", "support", StepKind.MANUAL, false));
    assertThat(process.decisionStep().key()).isEqualTo("go-no-go");
    assertThat(process.environments()).containsExactly("staging", "production");
    assertThat(process.deployStep("production").map(StepDef::key)).contains("deploy-production");
    assertThat(process.deployStep("staging").map(StepDef::key)).contains("deploy-staging");
    assertThat(process.deployStep("qa")).isEmpty();
  }

  @Test
  void builtInOrdersTheChecklistLikeTheGuide() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThat(process.step("deploy-staging").orElseThrow().after())
        .containsExactly("backup", "quality-gate");
    assertThat(process.step("go-no-go").orElseThrow().after()).containsExactly("smoke-staging");
    assertThat(process.step("deploy-production").orElseThrow().after()).containsExactly("go-no-go");
    assertThat(process.steps())
        .filteredOn(StepDef::incidentOnFailure)
        .extracting(StepDef::key)
        .containsExactly("deploy-production", "verify-production");
    assertThat(process.step("smoke-staging").orElseThrow().meets()).containsExactly("smoke-tests");
  }

  @Test
  void builtInHasTheGuidesFourHandoffs() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThat(process.handoffs())
        .extracting(HandoffDef::key, HandoffDef::from, HandoffDef::to, HandoffDef::trigger)
        .containsExactly(
            tuple("qa-to-rm", "qa-lead", "release-manager", "quality-gate"),
            tuple("rm-to-devops", "release-manager", "devops", "go-no-go"),
            tuple("devops-to-rm", "devops", "release-manager", "verify-production"),
            tuple("rm-to-support", "release-manager", "support", "announce"));
    assertThat(process.handoffs().get(0).handsOver())
        .isEqualTo("Quality sign-off and test results");
  }

  @Test
  void builtInHasTheGuidesSixPlaybookSteps() {
    Playbook playbook = ProcessParser.builtIn().playbook();

    assertThat(playbook.trigger()).isEqualTo("If a deployment fails or causes a critical issue");
    assertThat(playbook.steps())
        .extracting(PlaybookStepDef::key, PlaybookStepDef::owner)
        .containsExactly(
            tuple("trigger-incident", "release-manager"),
            tuple("execute-rollback", "devops"),
            tuple("notify-oncall", "devops"),
            tuple("verify-rollback", "qa-lead"),
            tuple("root-cause", "release-manager"),
            tuple("customer-comms", "support"));
    PlaybookStepDef rollback = playbook.step("execute-rollback").orElseThrow();
    assertThat(rollback.action()).isEqualTo(Action.ROLLBACK);
    assertThat(rollback.environment()).isEqualTo("production");
    assertThat(rollback.optional()).isTrue();
    assertThat(playbook.step("verify-rollback").orElseThrow().after())
        .containsExactly("execute-rollback");
    assertThat(playbook.steps())
        .filteredOn(s -> s.action() == Action.NONE)
        .extracting(PlaybookStepDef::environment)
        .containsOnlyNulls();
    assertThat(playbook.step("customer-comms").orElseThrow().action())
        .as("support's status message goes to the customer list")
        .isEqualTo(Action.TELL_CUSTOMERS);
    assertThat(Action.TELL_CUSTOMERS.yamlName()).isEqualTo("tell-customers");
  }

  @Test
  void builtInHasTheGuidesFourNotesFieldsAndSupportsTwoCustomerFacingOnes() {
    NotesTemplate notes = ProcessParser.builtIn().notes();

    assertThat(notes.fields())
        .extracting(NotesField::key, NotesField::owner, NotesField::list)
        .containsExactly(
            tuple("summary", "release-manager", false),
            tuple("notableChanges", "release-manager", true),
            tuple("migrationSteps", "release-manager", true),
            tuple("knownIssues", "qa-lead", true),
            tuple("customerSummary", "support", false),
            tuple("customerChanges", "support", true));
    assertThat(notes.customerFacing())
        .extracting(NotesField::key)
        .containsExactly("customerSummary", "customerChanges");
    assertThat(notes.field("customerSummary").orElseThrow().requiredFor()).isEmpty();
    assertThat(notes.field("migrationSteps").orElseThrow().requiredFor())
        .containsExactly(ReleaseType.MAJOR);
    assertThat(notes.field("summary").orElseThrow().requiredFor()).isEqualTo(ALL);
    assertThat(notes.field("knownIssues").orElseThrow().requiredFor()).isEmpty();
    assertThat(notes.atDecision()).extracting(NotesField::key).containsExactly("knownIssues");
    assertThat(notes.markdown())
        .contains("{{releaseManager}}", "{{#migrationSteps}}", "## Known issues (from QA Lead)");
  }

  @Test
  void builtInIsParsedOnceAndItsYamlIsAvailable() {
    assertThat(ProcessParser.builtIn()).isSameAs(ProcessParser.builtIn());
    assertThat(ProcessParser.parse(ProcessParser.builtInYaml())).isEqualTo(ProcessParser.builtIn());
    assertThat(ProcessParser.validate(ProcessParser.builtInYaml())).isEmpty();
  }

  @Test
  void fillsInDefaultsForWhatAFileLeavesOut() {
    ProcessDefinition process = ProcessParser.parse(Fixtures.TINY);

    StepDef prepare = process.step("prepare").orElseThrow();
    assertThat(prepare.kind()).isEqualTo(StepKind.MANUAL);
    assertThat(prepare.optional()).isFalse();
    assertThat(prepare.incidentOnFailure()).isFalse();
    assertThat(prepare.environment()).isNull();
    assertThat(prepare.description()).isNull();
    assertThat(prepare.after()).isEmpty();
    assertThat(prepare.requires()).isEmpty();
    assertThat(prepare.meets()).isEmpty();
    assertThat(prepare.appliesTo()).isEqualTo(ALL);
    assertThat(process.requirements()).isEmpty();
    assertThat(process.handoffs()).isEmpty();
    assertThat(process.playbook().steps()).isEmpty();
    assertThat(process.notes().fields()).isEmpty();
    assertThat(process.notes().markdown()).contains("{{version}}", "{{releaseManager}}");
    assertThat(process.role("rm").orElseThrow().responsibilities()).isEmpty();
  }

  @Test
  void readsAppliesToAndRequiredFor() {
    ProcessDefinition process =
        ProcessParser.parse(
            Fixtures.TINY
                + """
                handoffs:
                  - key: rm-to-ops
                    from: rm
                    to: ops
                    handsOver: Approval
                    trigger: decide
                    appliesTo: [minor, major]
                notes:
                  fields:
                    - key: migrationSteps
                      label: Migration steps
                      owner: rm
                      list: true
                      requiredFor: [major]
                  template: "{{#migrationSteps}}- {{.}}{{/migrationSteps}}"
                """);

    HandoffDef handoff = process.handoffs().get(0);
    assertThat(handoff.appliesTo()).containsExactlyInAnyOrder(ReleaseType.MINOR, ReleaseType.MAJOR);
    assertThat(handoff.appliesTo(ReleaseType.PATCH)).isFalse();
    NotesField field = process.notes().field("migrationSteps").orElseThrow();
    assertThat(field.requiredFor(ReleaseType.MAJOR)).isTrue();
    assertThat(field.requiredFor(ReleaseType.MINOR)).isFalse();
  }

  @Test
  void completesMeetsFromMetByAndMetByFromMeets() {
    ProcessDefinition process =
        ProcessParser.parse(
            """
            id: both-sides
            name: Both sides
            roles:
              - key: rm
                name: Release Manager
            requirements:
              - key: staged
                title: Staged
                owner: rm
                metBy: [deploy-staging]
              - key: verified
                title: Verified
                owner: rm
            steps:
              - key: deploy-staging
                title: Deploy to staging
                owner: rm
                kind: deploy
                environment: staging
              - key: verify-staging
                title: Verify staging
                owner: rm
                kind: verification
                environment: staging
                meets: [verified]
              - key: decide
                title: Decide
                owner: rm
                kind: decision
            """);

    assertThat(process.step("deploy-staging").orElseThrow().meets()).containsExactly("staged");
    assertThat(process.requirement("verified").orElseThrow().metBy())
        .containsExactly("verify-staging");
    assertThat(process.requirement("staged").orElseThrow().metBy())
        .containsExactly("deploy-staging");
  }

  @Test
  void acceptsForwardReferencesAndYamlAliasesOfTexts() {
    ProcessDefinition process =
        ProcessParser.parse(
            """
            id: forward
            name: Forward
            roles:
              - key: rm
                name: &rmName Release Manager
            steps:
              - key: decide
                title: *rmName
                owner: rm
                kind: decision
                after: [prepare]
              - key: prepare
                title: Prepare
                owner: rm
            """);

    assertThat(process.step("decide").orElseThrow().after()).containsExactly("prepare");
    assertThat(process.step("decide").orElseThrow().title()).isEqualTo("Release Manager");
  }

  @Test
  void errorsReadAsLineAndMessage() {
    InvalidProcessException e =
        catchThrowableOfType(
            InvalidProcessException.class,
            () -> ProcessParser.parse(Fixtures.TINY.replace("owner: ops", "owner: dev-ops")));

    assertThat(e.errors())
        .singleElement()
        .hasToString("line 19: step 'ship' has unknown owner role 'dev-ops'; known roles: rm, ops");
    assertThat(e)
        .hasMessage(
            "1 problem(s) in the process file, first at line 19: step 'ship' has unknown owner"
                + " role 'dev-ops'; known roles: rm, ops");
  }

  @Test
  void validateListsTheProblemsInsteadOfThrowing() {
    assertThat(ProcessParser.validate(Fixtures.TINY)).isEmpty();
    assertThat(ProcessParser.validate("id: x")).extracting(ProcessError::line).containsOnly(1);
  }

  @Test
  void parsesWhatItValidatesOnlyFromUnmodifiableParts() {
    ProcessDefinition process = ProcessParser.builtIn();

    assertThatThrownBy(() -> process.steps().add(process.steps().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> process.step("go-no-go").orElseThrow().after().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(List.copyOf(process.requirements())).isEqualTo(process.requirements());
  }
}
