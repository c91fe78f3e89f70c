package io.tollgate.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.process.ConventionalCommit.Group;
import io.tollgate.process.ConventionalCommit.Note;
import io.tollgate.process.ConventionalCommit.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Conventional Commits parser and the version bump against the cases of the reference
 * implementations (fixtures/conventional-commits, see its README): every case is run, none is left
 * out.
 */
class ConventionalCommitsTests {

  @Test
  void conventionalChangelogParserCases() {
    Map<String, Object> file = json("conventional-changelog-parser-cases.json");
    List<Map<String, Object>> cases = list(file.get("cases"));
    assertThat(cases).hasSize(4);
    for (Map<String, Object> c : cases) {
      String name = (String) c.get("name");
      ConventionalCommit commit = ConventionalCommits.parse((String) c.get("input")).orElseThrow();
      Map<String, Object> expected = map(c.get("expected"));
      if (expected.containsKey("header")) {
        assertThat(commit.header()).as(name).isEqualTo(expected.get("header"));
      }
      if (expected.containsKey("footer")) {
        assertThat(commit.footer()).as(name).isEqualTo(expected.get("footer"));
      }
      if (expected.containsKey("notes")) {
        List<Note> notes = new ArrayList<>();
        for (Map<String, Object> n : list(expected.get("notes"))) {
          notes.add(new Note((String) n.get("title"), (String) n.get("text")));
        }
        assertThat(commit.notes()).as(name).isEqualTo(notes);
      }
      List<Reference> refs = new ArrayList<>();
      for (Map<String, Object> r : list(expected.get("references"))) {
        refs.add(
            new Reference(
                (String) r.get("action"),
                (String) r.get("owner"),
                (String) r.get("repository"),
                (String) r.get("issue"),
                (String) r.get("raw"),
                (String) r.get("prefix")));
      }
      assertThat(commit.references()).as(name).isEqualTo(refs);
    }
  }

  @Test
  void conventionalCommitsParserSpecInputsAreConventionalUnlessAnErrorIsExpected() {
    Map<String, Object> file = json("conventional-commits-parser-spec-inputs.json");
    List<Map<String, Object>> cases = list(file.get("cases"));
    assertThat(cases).hasSize(25);
    int inputs = 0;
    for (Map<String, Object> c : cases) {
      boolean error = (Boolean) c.get("expect_error");
      for (String input : strings(c.get("inputs"))) {
        inputs++;
        ConventionalCommit commit = ConventionalCommits.parse(input).orElseThrow();
        assertThat(commit.conventional()).as(c.get("name") + ": " + input).isEqualTo(!error);
        if (error) assertThat(commit.group()).isEqualTo(Group.OTHER);
      }
    }
    assertThat(inputs).isEqualTo(25);
  }

  @Test
  void whatTheSpecInputsSay() {
    ConventionalCommit scoped =
        ConventionalCommits.parse("feat(http parser)!: add support for scopes").orElseThrow();
    assertThat(scoped.type()).isEqualTo("feat");
    assertThat(scoped.scope()).isEqualTo("http parser");
    assertThat(scoped.breaking()).isTrue();
    assertThat(scoped.group()).isEqualTo(Group.BREAKING);
    assertThat(ConventionalCommits.parse("feat(tree):    add whitespace node").get().subject())
        .isEqualTo("add whitespace node");
    assertThat(ConventionalCommits.parse("feat(tree):no whitespaces here").get().subject())
        .isEqualTo("no whitespaces here");

    ConventionalCommit continued =
        ConventionalCommits.parse(
                "fix: address major bug\nBREAKING CHANGE: first line of breaking change\n"
                    + " second line of breaking change\n third line of breaking change")
            .orElseThrow();
    assertThat(continued.notes())
        .containsExactly(
            new Note(
                "BREAKING CHANGE",
                "first line of breaking change\n second line of breaking change\n"
                    + " third line of breaking change"));
    ConventionalCommit hyphen =
        ConventionalCommits.parse(
                "fix: address major bug\nBREAKING-CHANGE: this change is breaking")
            .orElseThrow();
    assertThat(hyphen.breaking()).isTrue();

    ConventionalCommit footers =
        ConventionalCommits.parse(
                "fix: address major bug\n\nBREAKING CHANGE: this is breaking.\n\nAuthor: @bcoe\n"
                    + "Refs #392")
            .orElseThrow();
    assertThat(footers.notes()).containsExactly(new Note("BREAKING CHANGE", "this is breaking."));
    assertThat(footers.body()).isNull();
    assertThat(footers.footer()).startsWith("BREAKING CHANGE").endsWith("Refs #392");

    ConventionalCommit body =
        ConventionalCommits.parse(
                "fix: address major bug\n\nthis is the first line of the body\n\n"
                    + "this is the second line of body\n\nAuthor: @bcoe\nRefs #392")
            .orElseThrow();
    assertThat(body.body())
        .isEqualTo("this is the first line of the body\n\nthis is the second line of body");
    assertThat(body.footer()).isEqualTo("Author: @bcoe\nRefs #392");
    assertThat(body.breaking()).isFalse();
    assertThat(body.group()).isEqualTo(Group.FIXES);
  }

  @Test
  void rawGitLogFixtures() {
    assertThat(ConventionalCommits.parse(text("cc-parser-bad_commit.txt")))
        .as("an empty message is no commit")
        .isEmpty();

    ConventionalCommit log1 = ConventionalCommits.parse(text("cc-parser-log1.txt")).orElseThrow();
    assertThat(log1.type()).isEqualTo("feat");
    assertThat(log1.scope()).isEqualTo("ngMessages");
    assertThat(log1.subject()).isEqualTo("provide support for dynamic message resolution");
    assertThat(log1.body()).startsWith("Prior to this fix");
    assertThat(log1.notes()).hasSize(1);
    assertThat(log1.notes().get(0).text()).startsWith("The `ngMessagesInclude` attribute");
    assertThat(log1.breaking()).isTrue();
    assertThat(log1.references())
        .extracting(Reference::action, Reference::issue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Closes", "10036"),
            org.assertj.core.groups.Tuple.tuple("Closes", "9338"));

    String[] log2 = text("cc-parser-log2.txt").split("\n===\n");
    assertThat(log2).hasSize(2);
    ConventionalCommit docs = ConventionalCommits.parse(log2[0]).orElseThrow();
    assertThat(docs.type()).isEqualTo("docs");
    assertThat(docs.scope()).isEqualTo("ngMessageExp");
    assertThat(docs.group()).isEqualTo(Group.OTHER);
    ConventionalCommit fix = ConventionalCommits.parse(log2[1]).orElseThrow();
    assertThat(fix.scope()).isEqualTo("$animate");
    assertThat(fix.group()).isEqualTo(Group.FIXES);
    assertThat(fix.references()).extracting(Reference::issue).containsExactly("10068");

    ConventionalCommit log3 = ConventionalCommits.parse(text("cc-parser-log3.txt")).orElseThrow();
    assertThat(log3.type()).isEqualTo("category");
    assertThat(log3.scope()).isEqualTo("fix:subcategory");
    assertThat(log3.subject()).isEqualTo("My subject");
    assertThat(log3.breaking()).as("BREAKING NEWS is not a breaking change").isFalse();
    assertThat(log3.body()).contains("BREAKING NEWS: A lot of changes!");
    assertThat(log3.references())
        .extracting(Reference::action, Reference::issue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Close", "10036"),
            org.assertj.core.groups.Tuple.tuple("Closes", "10000"),
            org.assertj.core.groups.Tuple.tuple("Fixed", "13233"),
            org.assertj.core.groups.Tuple.tuple("fix", "9338"));
    assertThat(log3.group()).isEqualTo(Group.OTHER);
  }

  @Test
  void semanticReleaseCommitAnalyzerCases() {
    Map<String, Object> section =
        map(json("bump-decision-cases.json").get("semantic_release_commit_analyzer"));
    List<Map<String, Object>> cases = list(section.get("cases"));
    assertThat(cases).hasSize(7);
    for (Map<String, Object> c : cases) {
      List<String> messages = strings(c.get("commits"));
      List<String> shas = c.containsKey("hashes") ? strings(c.get("hashes")) : null;
      List<ConventionalCommit> commits = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        Optional<ConventionalCommit> parsed = ConventionalCommits.parse(messages.get(i));
        if (parsed.isEmpty()) continue;
        commits.add(parsed.get());
        kept.add(shas == null ? null : shas.get(i));
      }
      if (c.containsKey("per_commit")) {
        assertThat(commits.stream().map(VersionBump::level).map(t -> t.id()).toList())
            .as((String) c.get("name"))
            .isEqualTo(strings(c.get("per_commit")));
      }
      VersionBump bump = shas == null ? VersionBump.of(commits) : VersionBump.of(kept, commits);
      assertThat(bump.bump() == null ? null : bump.bump().id())
          .as((String) c.get("name"))
          .isEqualTo(c.get("expected"));
    }
  }

  @Test
  void conventionalChangelogWhatBumpCases() {
    Map<String, Object> section =
        map(
            json("bump-decision-cases.json")
                .get("conventional_changelog_conventionalcommits_whatBump"));
    List<Map<String, Object>> cases = list(section.get("cases"));
    assertThat(cases).hasSize(5);
    for (Map<String, Object> c : cases) {
      List<ConventionalCommit> commits = new ArrayList<>();
      for (Map<String, Object> given : list(c.get("commits"))) {
        List<Note> notes = new ArrayList<>();
        for (Map<String, Object> n : list(given.get("notes"))) {
          notes.add(new Note((String) n.get("title"), (String) n.get("text")));
        }
        boolean mark =
            given.get("header") != null
                && ConventionalCommits.parse((String) given.get("header")).get().breakingMark();
        commits.add(ConventionalCommit.of((String) given.get("type"), mark, notes));
      }
      VersionBump bump = VersionBump.of(commits);
      Integer level = (Integer) c.get("expected_level");
      ReleaseType expected =
          level == null
              ? null
              : List.of(ReleaseType.MAJOR, ReleaseType.MINOR, ReleaseType.PATCH).get(level);
      assertThat(bump.bump()).as((String) c.get("name")).isEqualTo(expected);
      if (c.get("expected_reason") != null) {
        assertThat(bump.reason()).as((String) c.get("name")).isEqualTo(c.get("expected_reason"));
      }
    }
  }

  @Test
  void releasePleaseDefaultVersioningCases() {
    Map<String, Object> section =
        map(json("bump-decision-cases.json").get("release_please_default_versioning"));
    List<Map<String, Object>> cases = list(section.get("cases"));
    assertThat(cases).hasSize(7);
    for (Map<String, Object> c : cases) {
      List<ConventionalCommit> commits =
          strings(c.get("commits")).stream()
              .map(m -> ConventionalCommits.parse(m).orElseThrow())
              .toList();
      Map<String, Object> options = map(c.get("options"));
      VersionBump.PreMajor pre =
          new VersionBump.PreMajor(
              Boolean.TRUE.equals(options.get("bumpMinorPreMajor")),
              Boolean.TRUE.equals(options.get("bumpPatchForMinorPreMajor")));
      assertThat(VersionBump.of(commits).next((String) c.get("old"), pre))
          .as(c.get("commits") + " from " + c.get("old") + " " + options)
          .isEqualTo(c.get("expected"));
    }
  }

  @Test
  void aMessageThatIsNotConventionalIsKeptAsOther() {
    ConventionalCommit plain = ConventionalCommits.parse("Update README.md").orElseThrow();
    assertThat(plain.conventional()).isFalse();
    assertThat(plain.subject()).isEqualTo("Update README.md");
    assertThat(plain.group()).isEqualTo(Group.OTHER);
    assertThat(VersionBump.level(plain)).isNull();
    assertThat(VersionBump.of(List.of(plain)).next("1.2.3", VersionBump.PreMajor.NONE))
        .isEqualTo("1.2.3");
  }

  // ---------------------------------------------------------------- fixtures

  private static String text(String name) {
    try (InputStream in =
        ConventionalCommitsTests.class.getResourceAsStream(
            "/fixtures/conventional-commits/" + name)) {
      if (in == null) throw new IllegalStateException("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> json(String name) {
    return new Yaml().load(text(name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return (List<String>) o;
  }
}
