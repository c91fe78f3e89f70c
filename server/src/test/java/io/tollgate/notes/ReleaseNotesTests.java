package io.tollgate.notes;

import static io.tollgate.process.ReleaseType.MAJOR;
import static io.tollgate.process.ReleaseType.MINOR;
import static io.tollgate.process.ReleaseType.PATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.process.NotesField;
import io.tollgate.process.NotesTemplate;
import io.tollgate.process.ProcessParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which notes fields a release of each type needs, and how edits are kept. */
class ReleaseNotesTests {
  private static final NotesTemplate TEMPLATE = ProcessParser.builtIn().notes();

  @Test
  void theTemplateHasTheGuidesFieldsWithTheirOwners() {
    assertThat(TEMPLATE.fields())
        .extracting(NotesField::key, NotesField::owner, NotesField::list)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("summary", "release-manager", false),
            org.assertj.core.groups.Tuple.tuple("notableChanges", "release-manager", true),
            org.assertj.core.groups.Tuple.tuple("migrationSteps", "release-manager", true),
            org.assertj.core.groups.Tuple.tuple("knownIssues", "qa-lead", true),
            org.assertj.core.groups.Tuple.tuple("customerSummary", "support", false),
            org.assertj.core.groups.Tuple.tuple("customerChanges", "support", true));
  }

  @Test
  void emptyNotesMissTheSummaryAndNotableChangesForEveryTypeAndMigrationStepsForAMajor() {
    ReleaseNotes empty = ReleaseNotes.empty();

    assertThat(empty.missing(TEMPLATE, PATCH))
        .extracting(NotesField::key)
        .containsExactly("summary", "notableChanges");
    assertThat(empty.missing(TEMPLATE, MINOR))
        .extracting(NotesField::key)
        .containsExactly("summary", "notableChanges");
    assertThat(empty.missing(TEMPLATE, MAJOR))
        .extracting(NotesField::key)
        .containsExactly("summary", "notableChanges", "migrationSteps");
  }

  @Test
  void areCompleteForAMinorOrPatchWithASummaryAndOneNotableChange() {
    ReleaseNotes notes =
        ReleaseNotes.empty()
            .with("summary", List.of("Faster checkout"))
            .with("notableChanges", List.of("Saved cards"));

    assertThat(notes.isComplete(TEMPLATE, MINOR)).isTrue();
    assertThat(notes.isComplete(TEMPLATE, PATCH)).isTrue();
    assertThat(notes.isComplete(TEMPLATE, MAJOR)).isFalse();
    assertThat(
            notes
                .with("migrationSteps", List.of("Run the card-vault migration"))
                .isComplete(TEMPLATE, MAJOR))
        .isTrue();
  }

  @Test
  void knownIssuesAreNeverRequired() {
    ReleaseNotes notes =
        ReleaseNotes.empty()
            .with("summary", List.of("New checkout"))
            .with("notableChanges", List.of("One-page checkout"))
            .with("migrationSteps", List.of("Run the migration"));

    assertThat(notes.isComplete(TEMPLATE, MAJOR)).isTrue();
    assertThat(notes.get("knownIssues")).isEmpty();
  }

  @Test
  void blankEntriesDoNotCount() {
    ReleaseNotes notes =
        ReleaseNotes.empty()
            .with("summary", List.of("   "))
            .with("notableChanges", List.of("", " \t"));

    assertThat(notes.missing(TEMPLATE, PATCH))
        .extracting(NotesField::key)
        .containsExactly("summary", "notableChanges");
    assertThat(notes.text("summary")).isNull();
  }

  @Test
  void stripsEntriesAndReplacesAFieldAsAWhole() {
    ReleaseNotes notes =
        ReleaseNotes.empty().with("notableChanges", List.of(" One-page checkout ", "Saved cards"));

    ReleaseNotes changed = notes.with("notableChanges", List.of("Apple Pay"));

    assertThat(notes.get("notableChanges")).containsExactly("One-page checkout", "Saved cards");
    assertThat(changed.get("notableChanges")).containsExactly("Apple Pay");
    assertThat(changed.text("notableChanges")).isEqualTo("Apple Pay");
  }

  @Test
  void isImmutable() {
    List<String> entries = new ArrayList<>(List.of("Saved cards"));
    ReleaseNotes notes = new ReleaseNotes(Map.of("notableChanges", entries));
    entries.add("sneaked in");

    assertThat(notes.get("notableChanges")).containsExactly("Saved cards");
    assertThatThrownBy(() -> notes.values().put("summary", List.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> notes.get("notableChanges").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
