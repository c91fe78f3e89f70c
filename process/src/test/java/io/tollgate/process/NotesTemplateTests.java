package io.tollgate.process;

import static io.tollgate.process.Fixtures.TINY;
import static io.tollgate.process.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The release-notes fields and the template's names and sections, with template lines. */
class NotesTemplateTests {

  /** Notes at lines 23-28, a literal template whose text starts at line 29. */
  private static String notes(String template) {
    return TINY
        + """
        notes:
          fields:
            - key: summary
              label: Summary
              owner: rm
          template: |
        """
        + template.indent(4);
  }

  @Test
  void acceptsFieldsBuiltInValuesAndListItems() {
    String yaml =
        notes(
            """
            # {{product}} {{version}}{{#name}} — {{name}}{{/name}} ({{type}}, {{date}})
            {{! a comment }}
            {{{summary}}} by {{releaseManager}}
            {{#summary}}{{.}}{{/summary}}{{^summary}}none{{/summary}}
            """);

    assertThat(ProcessParser.parse(yaml).notes().markdown()).startsWith("# {{product}}");
  }

  @Test
  void reportsAnUnknownNameAtItsLineInTheTemplate() {
    String yaml = notes("# {{product}} {{version}}\n\n{{sumary}}\n");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                31,
                "the notes template uses 'sumary' (did you mean 'summary'?), which is neither a"
                    + " notes field nor a built-in value; notes fields: summary; built-in values:"
                    + " name, version, date, releaseManager, product, type"));
  }

  @Test
  void reportsASectionThatIsNeverClosed() {
    assertThat(errors(notes("intro\n{{#summary}}\n{{summary}}\n")))
        .containsExactly(
            new ProcessError(
                30,
                "the notes template opens the section {{#summary}} but never closes it with"
                    + " {{/summary}}"));
  }

  @Test
  void reportsAClosingTagWithoutSection() {
    assertThat(errors(notes("{{summary}}\n{{/summary}}\n")))
        .containsExactly(
            new ProcessError(
                30, "the notes template closes {{/summary}}, but no section {{#summary}} is open"));
  }

  @Test
  void reportsAnUnclosedTag() {
    assertThat(errors(notes("ok\n\n{{summary\n")))
        .containsExactly(
            new ProcessError(31, "the notes template opens a tag with '{{' that is never closed"));
  }

  @Test
  void reportsPartialsAsUnsupported() {
    assertThat(errors(notes("{{> footer}}\n"))).extracting(ProcessError::line).containsExactly(29);
  }

  @Test
  void reportsAMissingTemplate() {
    String yaml = TINY + "notes:\n  fields: []\n";

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(23, "the notes section is missing the required key 'template'"));
  }

  @Test
  void reportsAFieldNamedLikeABuiltInValue() {
    String yaml = notes("{{date}}\n").replace("key: summary", "key: date");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                25,
                "notes field 'date' has the name of a built-in template value; choose another key"
                    + " (built-in values: name, version, date, releaseManager, product, type)"));
  }

  @Test
  void reportsAFieldKeyThatIsNoTemplateName() {
    String yaml = notes("{{summary}}\n").replace("key: summary", "key: known-issues");

    assertThat(errors(yaml))
        .extracting(ProcessError::line, ProcessError::message)
        .first()
        .satisfies(
            tuple ->
                assertThat(tuple.toList())
                    .containsExactly(
                        25,
                        "notes field key 'known-issues' is not valid; use letters, digits and '_',"
                            + " starting with a letter, at most 64 characters (e.g. knownIssues)"));
  }

  @Test
  void reportsAnInvalidListFlag() {
    String yaml =
        notes("{{summary}}\n").replace("      owner: rm\n", "      owner: rm\n      list: 1\n");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(28, "'list' of notes field 'summary' must be true or false, not '1'"));
  }

  @Test
  void fieldsTheDecisionRestsOnAreDeclared() {
    String yaml =
        notes("{{summary}}\n")
            .replace("      owner: rm\n", "      owner: rm\n      atDecision: true\n");

    NotesTemplate notes = ProcessParser.parse(yaml).notes();

    assertThat(notes.atDecision()).extracting(NotesField::key).containsExactly("summary");
    assertThat(ProcessParser.parse(notes("{{summary}}\n")).notes().atDecision()).isEmpty();
  }

  @Test
  void reportsAnInvalidAtDecisionFlag() {
    String yaml =
        notes("{{summary}}\n")
            .replace("      owner: rm\n", "      owner: rm\n      atDecision: yes please\n");

    assertThat(errors(yaml))
        .containsExactly(
            new ProcessError(
                28,
                "'atDecision' of notes field 'summary' must be true or false, not 'yes please'"));
  }
}
