package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.WITH_PLAYBOOK;
import static io.tollgate.process.Fixtures.errors;
import static io.tollgate.process.Fixtures.insertAfter;
import static io.tollgate.process.Fixtures.removeLine;
import static io.tollgate.process.Fixtures.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * One test per kind of problem, each asserting the exact line. Line numbers refer to {@link
 * Fixtures#TINY} (lines 1-22) and {@link Fixtures#WITH_PLAYBOOK} (playbook at lines 23-34).
 */
class ProcessValidationTests {

  @Test
  void reportsASyntaxErrorAtTheLineOfItsProblemMark() {
    assertThat(errors(replaceLine(TINY, 2, "name: Tiny: the small one")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.message()).isEqualTo("bad YAML: mapping values are not allowed here");
            });
  }

  @Test
  void reportsAnUnclosedQuoteWithTheLineWhereItStarted() {
    assertThat(errors(replaceLine(TINY, 10, "    title: \"Prepare")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(23);
              assertThat(e.message())
                  .startsWith("bad YAML: found unexpected end of stream")
                  .endsWith("(while scanning a quoted scalar at line 10)");
            });
  }

  @Test
  void refusesMoreThanOneDocument() {
    assertThat(errors(TINY + "---\nid: second\n"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(23);
              assertThat(e.message()).contains("but found another document");
            });
  }

  @Test
  void reportsAnEmptyFile() {
    assertThat(errors("  \n")).containsExactly(new ProcessError(1, "the process file is empty"));
    assertThat(errors("# only a comment\n"))
        .containsExactly(new ProcessError(1, "the process file is empty"));
  }

  @Test
  void reportsATextWhereAListIsExpected() {
    assertThat(errors(replaceLine(TINY, 16, "    after: prepare")))
        .containsExactly(
            new ProcessError(
                16,
                "'after' of step 'decide' must be a list of step keys, but is the text 'prepare'"
                    + " (write it as a list: [prepare])"));
  }

  @Test
  void reportsAListWhereAMappingIsExpected() {
    assertThat(errors(insertAfter(TINY, 3, "  - [rm, Release Manager]")))
        .containsExactly(
            new ProcessError(
                4,
                "role #1 must be a mapping with the keys key, name, responsibilities, but is a"
                    + " list"));
    assertThat(errors("- id: tiny\n"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("the process must be a mapping"));
  }

  @Test
  void reportsAMappingWhereATextIsExpected() {
    assertThat(errors(replaceLine(TINY, 10, "    title: {text: Prepare}")))
        .containsExactly(
            new ProcessError(10, "'title' of step 'prepare' must be a text, but is a mapping"));
  }

  @Test
  void reportsAMissingRequiredKeyAtItsMapping() {
    assertThat(errors(removeLine(TINY, 10)))
        .containsExactly(new ProcessError(9, "step 'prepare' is missing the required key 'title'"));
    assertThat(errors(removeLine(TINY, 1)))
        .containsExactly(new ProcessError(1, "the process is missing the required key 'id'"));
  }

  @Test
  void reportsAnEmptyRequiredValueAtItsKey() {
    assertThat(errors(replaceLine(TINY, 18, "    title:")))
        .containsExactly(new ProcessError(18, "'title' of step 'ship' is empty"));
  }

  @Test
  void reportsAnUnknownKeyWithTheAllowedKeys() {
    assertThat(errors(replaceLine(TINY, 14, "    ower: rm")))
        .containsExactly(
            new ProcessError(12, "step 'decide' is missing the required key 'owner'"),
            new ProcessError(
                14,
                "step 'decide' has unknown key 'ower' (did you mean 'owner'?); allowed keys: key,"
                    + " title, description, owner, kind, environment, optional, after, requires,"
                    + " meets, incidentOnFailure, appliesTo"));
  }

  @Test
  void reportsAnUnknownTopLevelKey() {
    assertThat(errors(insertAfter(TINY, 2, "version: 2")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.message())
                  .isEqualTo(
                      "the process has unknown key 'version'; allowed keys: id, name, description,"
                          + " roles, requirements, steps, handoffs, playbook, notes,"
                          + " separationOfDuties, approvals");
            });
  }

  @Test
  void reportsAKeyThatAppearsTwiceInOneMapping() {
    assertThat(errors(insertAfter(TINY, 11, "    owner: ops")))
        .containsExactly(
            new ProcessError(12, "key 'owner' appears twice in step 'prepare' (first at line 11)"));
  }

  @Test
  void reportsItemKeysUsedTwiceInEveryList() {
    String yaml =
        """
        id: dupes
        name: Dupes
        roles:
          - key: rm
            name: Release Manager
          - key: rm
            name: Release Manager again
          - key: ops
            name: Ops
        requirements:
          - key: ready
            title: Ready
            owner: rm
          - key: ready
            title: Ready again
            owner: rm
        steps:
          - key: decide
            title: Decide
            owner: rm
            kind: decision
          - key: decide
            title: Decide again
            owner: rm
        handoffs:
          - key: go
            from: rm
            to: ops
            handsOver: Approval
            trigger: decide
          - key: go
            from: rm
            to: ops
            handsOver: Approval again
            trigger: decide
        playbook:
          trigger: Failure
          steps:
            - key: halt
              title: Halt
              owner: ops
            - key: halt
              title: Halt again
              owner: ops
        notes:
          fields:
            - key: summary
              label: Summary
              owner: rm
            - key: summary
              label: Summary again
              owner: rm
          template: "{{summary}}"
        """;

    assertThat(errors(yaml))
        .extracting(ProcessError::line, ProcessError::message)
        .containsExactly(
            tuple(6, "role key 'rm' is used twice (first at line 4); role keys must be unique"),
            tuple(
                14,
                "requirement key 'ready' is used twice (first at line 11); requirement keys must"
                    + " be unique"),
            tuple(
                22, "step key 'decide' is used twice (first at line 18); step keys must be unique"),
            tuple(
                31,
                "handoff key 'go' is used twice (first at line 26); handoff keys must be unique"),
            tuple(
                42,
                "playbook step key 'halt' is used twice (first at line 39); playbook step keys"
                    + " must be unique"),
            tuple(
                50,
                "notes field key 'summary' is used twice (first at line 47); notes field keys must"
                    + " be unique"));
  }

  @Test
  void reportsUnknownRoleWithItsLine() {
    assertThat(errors(replaceLine(TINY, 19, "    owner: dev-ops")))
        .containsExactly(
            new ProcessError(
                19, "step 'ship' has unknown owner role 'dev-ops'; known roles: rm, ops"));
  }

  @Test
  void suggestsTheRoleThatWasProbablyMeant() {
    assertThat(errors(replaceLine(TINY, 19, "    owner: opps")))
        .extracting(ProcessError::message)
        .containsExactly(
            "step 'ship' has unknown owner role 'opps' (did you mean 'ops'?); known roles: rm,"
                + " ops");
  }

  @Test
  void reportsUnknownRolesWhereverARoleIsNamed() {
    String yaml =
        WITH_PLAYBOOK
            + """
            requirements:
              - key: approved
                title: Approved
                owner: cto
              - key: trained
                title: Trained
                signers: [rm, support]
            handoffs:
              - key: handover
                from: qa
                to: sre
                handsOver: Approval
                trigger: decide
            notes:
              fields:
                - key: summary
                  label: Summary
                  owner: writer
              template: "{{summary}}"
            """;
    String withPlaybookOwner = replaceLine(yaml, 28, "      owner: incident-commander");

    assertThat(errors(withPlaybookOwner))
        .extracting(ProcessError::line, ProcessError::message)
        .containsExactly(
            tuple(
                28,
                "playbook step 'halt' has unknown owner role 'incident-commander'; known roles:"
                    + " rm, ops"),
            tuple(38, "requirement 'approved' has unknown owner role 'cto'; known roles: rm, ops"),
            tuple(
                41,
                "requirement 'trained' has unknown signer role 'support'; known roles: rm, ops"),
            tuple(44, "handoff 'handover' comes from unknown role 'qa'; known roles: rm, ops"),
            tuple(45, "handoff 'handover' goes to unknown role 'sre'; known roles: rm, ops"),
            tuple(
                52, "notes field 'summary' has unknown owner role 'writer'; known roles: rm, ops"));
  }

  @Test
  void reportsUnknownStepsRequirementsAndPlaybookStepsReferenced() {
    String yaml =
        insertAfter(
                WITH_PLAYBOOK,
                22,
                "    requires: [signed-off]",
                "    meets: [shipped]",
                "    incidentOnFailure: true")
            + """
            requirements:
              - key: deployed
                title: Deployed
                owner: ops
                metBy: [ship-it]
            handoffs:
              - key: handover
                from: rm
                to: ops
                handsOver: Approval
                trigger: decid
            """;
    String withPlaybookAfter = replaceLine(yaml, 37, "      after: [stop]");
    String withStepAfter = replaceLine(withPlaybookAfter, 16, "    after: [prep]");

    assertThat(errors(withStepAfter))
        .extracting(ProcessError::line, ProcessError::message)
        .containsExactly(
            tuple(
                16,
                "step 'decide' waits for unknown step 'prep'; known steps: prepare, decide, ship"),
            tuple(
                23,
                "step 'ship' requires unknown requirement 'signed-off'; known requirements:"
                    + " deployed"),
            tuple(
                24,
                "step 'ship' meets unknown requirement 'shipped'; known requirements: deployed"),
            tuple(
                37,
                "playbook step 'rollback' waits for unknown playbook step 'stop'; known playbook"
                    + " steps: halt, rollback"),
            tuple(
                42,
                "requirement 'deployed' is met by unknown step 'ship-it'; known steps: prepare,"
                    + " decide, ship"),
            tuple(
                48,
                "handoff 'handover' is triggered by unknown step 'decid' (did you mean"
                    + " 'decide'?); known steps: prepare, decide, ship"));
  }

  @Test
  void reportsADependencyCycleAmongStepsWithItsPath() {
    assertThat(errors(insertAfter(TINY, 11, "    after: [ship]")))
        .containsExactly(
            new ProcessError(
                12,
                "dependency cycle among steps: prepare -> ship -> decide -> prepare (each waits"
                    + " for the next)"));
  }

  @Test
  void reportsAStepThatWaitsForItself() {
    assertThat(errors(insertAfter(TINY, 11, "    after: [prepare]")))
        .containsExactly(
            new ProcessError(
                12, "dependency cycle among steps: prepare -> prepare (each waits for the next)"));
  }

  @Test
  void reportsAStepListedBeforeTheDecisionThatWaitsForIt() {
    String yaml = insertAfter(removeLine(TINY, 16), 11, "    after: [decide]");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                12,
                "dependency cycle among steps: prepare -> decide -> prepare (each waits for the"
                    + " next; the decision step waits for every step listed before it)"));
  }

  @Test
  void reportsEachSeparateCycleOnce() {
    String yaml =
        TINY
            + """
              - key: a
                title: A
                owner: rm
                after: [b]
              - key: b
                title: B
                owner: rm
                after: [a]
              - key: c
                title: C
                owner: rm
                after: [c]
            """;

    assertThat(errors(yaml))
        .extracting(ProcessError::line, ProcessError::message)
        .containsExactly(
            tuple(26, "dependency cycle among steps: a -> b -> a (each waits for the next)"),
            tuple(34, "dependency cycle among steps: c -> c (each waits for the next)"));
  }

  @Test
  void acceptsStepsThatDependOnTheDecisionDirectlyOrTransitively() {
    String yaml =
        TINY
            + """
              - key: announce
                title: Announce
                owner: rm
                after: [ship]
            """;

    assertThat(ProcessParser.validate(yaml)).isEmpty();
  }

  @Test
  void reportsADependencyCycleAmongPlaybookSteps() {
    assertThat(errors(insertAfter(WITH_PLAYBOOK, 28, "      after: [rollback]")))
        .containsExactly(
            new ProcessError(
                29,
                "dependency cycle among playbook steps: halt -> rollback -> halt (each waits for"
                    + " the next)"));
  }

  @Test
  void reportsAProcessWithoutADecisionStep() {
    assertThat(errors(removeLine(TINY, 15)))
        .containsExactly(
            new ProcessError(
                8,
                "no step has 'kind: decision'; a process needs exactly one go/no-go decision"
                    + " step"));
  }

  @Test
  void reportsASecondDecisionStep() {
    assertThat(errors(insertAfter(TINY, 11, "    kind: decision")))
        .containsExactly(
            new ProcessError(
                16,
                "step 'decide' is a second decision step; 'prepare' (line 12) already is the"
                    + " decision step, and a process has exactly one"));
  }

  @Test
  void reportsAnOptionalDecisionStepAndOneThatAppliesToSomeTypesOnly() {
    String yaml = insertAfter(TINY, 15, "    optional: true", "    appliesTo: [major]");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                16, "decision step 'decide' cannot be optional; the decision is never skipped"),
            new ProcessError(
                17,
                "decision step 'decide' must apply to every release type; leave out its"
                    + " 'appliesTo'"));
  }

  @Test
  void reportsAnUnknownReleaseType() {
    assertThat(errors(insertAfter(TINY, 11, "    appliesTo: [patch, hotfix]")))
        .containsExactly(
            new ProcessError(
                12,
                "'appliesTo' of step 'prepare' names unknown release type 'hotfix'; use patch,"
                    + " minor or major"));
  }

  @Test
  void reportsAnEmptyAppliesTo() {
    assertThat(errors(insertAfter(TINY, 11, "    appliesTo: []")))
        .extracting(ProcessError::line)
        .containsExactly(12);
  }

  @Test
  void reportsAnInvalidBoolean() {
    assertThat(errors(insertAfter(TINY, 11, "    optional: yes")))
        .containsExactly(
            new ProcessError(12, "'optional' of step 'prepare' must be true or false, not 'yes'"));
  }

  @Test
  void reportsAHandoffFromARoleToItself() {
    String yaml =
        TINY
            + """
            handoffs:
              - key: rm-to-rm
                from: rm
                to: rm
                handsOver: Nothing
                trigger: decide
            """;

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                26,
                "handoff 'rm-to-rm' goes from 'rm' to itself; 'from' and 'to' must be different"
                    + " roles"));
  }

  @Test
  void reportsAProcessWithoutRolesOrSteps() {
    assertThat(errors("id: bare\nname: Bare\nroles: []\nsteps:\n"))
        .containsExactly(
            new ProcessError(3, "the process defines no roles; list at least one under 'roles'"),
            new ProcessError(4, "the process defines no steps; list at least one under 'steps'"));
    assertThat(errors("id: bare\nname: Bare\n"))
        .extracting(ProcessError::line)
        .containsExactly(1, 1);
  }

  @Test
  void reportsAProcessIdThatIsNotKebabCase() {
    assertThat(errors(replaceLine(TINY, 1, "id: Tiny_Process")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.message()).startsWith("process id 'Tiny_Process' is not kebab-case");
            });
  }

  @Test
  void reportsAnItemKeyThatCannotBeUsedInAUrl() {
    assertThat(errors(replaceLine(TINY, 17, "  - key: ship it")))
        .extracting(ProcessError::line, ProcessError::message)
        .containsExactly(
            tuple(
                17,
                "step key 'ship it' is not valid; use letters, digits, '-' and '_', starting with"
                    + " a letter or digit, at most 64 characters"));
  }

  @Test
  void reportsAnUnknownStepKind() {
    assertThat(errors(replaceLine(TINY, 20, "    kind: deploi")))
        .containsExactly(
            new ProcessError(
                20,
                "'kind' of step 'ship' is 'deploi' (did you mean 'deploy'?); use one of manual,"
                    + " decision, deploy, smoke-test, verification"));
  }

  @Test
  void reportsEveryProblemInOneGoOrderedByLine() {
    String yaml = replaceLine(TINY, 19, "    owner: dev-ops");
    yaml = replaceLine(yaml, 13, "    titel: Decide");
    yaml = insertAfter(yaml, 11, "    optional: maybe");
    yaml = replaceLine(yaml, 1, "id: Tiny");
    yaml += "handoffs: none\n";

    assertThat(errors(yaml)).extracting(ProcessError::line).containsExactly(1, 12, 13, 14, 20, 24);
  }
}
