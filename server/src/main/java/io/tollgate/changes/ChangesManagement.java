package io.tollgate.changes;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.changes.internal.ChangeStore;
import io.tollgate.process.ConventionalCommit;
import io.tollgate.release.IntegrationCommands;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.release.SemanticVersion;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Refused;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A release's commits and merged pull requests: added by its release manager or a developer (or
 * their pipeline's token), and by the GitHub integration from pushes on the release's ref; read by
 * its members with what they suggest ({@link Suggestion}).
 */
@Service
public class ChangesManagement {
  /** At most this many commits in one call (any JSON list's limit): post more in batches. */
  public static final int MAX_COMMITS = io.tollgate.shared.Limits.LIST_ITEMS;

  static final String DEVELOPER = "developer";
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  private final ChangeStore store;
  private final ReleaseManagement releases;
  private final IntegrationCommands integration;
  private final AuditLog audit;
  private final Clock clock;

  ChangesManagement(
      ChangeStore store,
      ReleaseManagement releases,
      IntegrationCommands integration,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.releases = releases;
    this.integration = integration;
    this.audit = audit;
    this.clock = clock;
  }

  /** Adds commits to a release (its release manager or a developer); known ones are skipped. */
  @Transactional
  public ReleaseChanges add(Actor by, String releaseId, List<NewCommit> commits) {
    Release release = releases.get(by, releaseId);
    Participant p = releases.participant(by, release.product());
    String rm = release.process().releaseManagerRole();
    if (!p.holds(rm) && !p.holds(DEVELOPER)) {
      throw Forbidden.needsRole(
          rm + "' or '" + DEVELOPER, "Adding commits to a release", by.username(), p.sortedRoles());
    }
    requireUnderWay(release);
    List<NewCommit> checked = check(commits);
    record(by, release, store.add(releaseId, checked, "api", by.username(), now()), "api");
    return view(release);
  }

  /** Commits GitHub reported pushed on the release's ref; returns how many were new. */
  @Transactional
  public int addPushed(Actor integrationActor, Release release, List<NewCommit> commits) {
    List<NewCommit> usable =
        commits.stream()
            .filter(c -> c.sha() != null && SHA.matcher(c.sha()).matches())
            .map(
                c ->
                    new NewCommit(
                        c.sha().toLowerCase(java.util.Locale.ROOT),
                        cut(message(c), io.tollgate.shared.Limits.TEXT_CHARS),
                        cut(c.author(), 300),
                        c.url() != null && c.url().length() <= 2000 ? c.url() : null))
            .toList();
    List<String> added =
        store.add(release.id().value(), usable, "push", integrationActor.username(), now());
    record(integrationActor, release, added, "push");
    return added.size();
  }

  /** A merged pull request GitHub reported into the release's ref; false when listed already. */
  @Transactional
  public boolean addPullRequest(Actor integrationActor, Release release, PullRequest pr) {
    boolean added = store.addPullRequest(release.id().value(), pr);
    if (added) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("number", pr.number());
      facts.put("title", pr.title());
      if (pr.url() != null) facts.put("url", pr.url());
      audit.append(
          AuditRecord.of(
              "pull-request.merged",
              integrationActor,
              release.product(),
              "release/" + release.id().value(),
              release.id().value(),
              facts));
    }
    return added;
  }

  /** The release's changes and what they suggest (members of its product). */
  @Transactional(readOnly = true)
  public ReleaseChanges view(Actor by, String releaseId) {
    return view(releases.get(by, releaseId));
  }

  /** The suggestions alone, for the release page's actions. */
  @Transactional(readOnly = true)
  public ReleaseChanges view(Release release) {
    List<Change> changes = store.of(release.id().value());
    String previous =
        integration.versionBefore(release).map(SemanticVersion::toString).orElse(null);
    List<ReleaseChanges.Group> groups = new ArrayList<>();
    for (ConventionalCommit.Group g : ConventionalCommit.Group.values()) {
      List<Change> in = changes.stream().filter(c -> c.group().equals(g.id())).toList();
      if (!in.isEmpty()) groups.add(new ReleaseChanges.Group(g.id(), g.title(), in));
    }
    return new ReleaseChanges(
        release.id().value(),
        release.source() == null ? null : release.source().commit(),
        release.source() == null ? null : release.source().ref(),
        changes,
        groups,
        store.pullRequests(release.id().value()),
        Suggestion.of(changes, previous),
        Suggestion.warnings(changes, release.type()));
  }

  private void record(Actor by, Release release, List<String> added, String source) {
    if (added.isEmpty()) return;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("count", added.size());
    facts.put("source", source);
    facts.put("commits", added.subList(0, Math.min(added.size(), 20)));
    audit.append(
        AuditRecord.of(
            "changes.added",
            by,
            release.product(),
            "release/" + release.id().value(),
            release.id().value(),
            facts));
  }

  private static void requireUnderWay(Release release) {
    if (release.status().isFinished()) {
      throw Refused.because(
          "The release is " + release.status().id() + "; commits are added to releases under way.");
    }
  }

  private static List<NewCommit> check(List<NewCommit> commits) {
    if (commits == null) throw BadRequest.missing("commits");
    if (commits.isEmpty()) throw Invalid.field("commits", "Give at least one commit.");
    if (commits.size() > MAX_COMMITS) {
      throw Invalid.field("commits", "At most " + MAX_COMMITS + " commits in one call.");
    }
    List<NewCommit> out = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      NewCommit c = commits.get(i);
      String at = "commits[" + i + "]";
      if (c == null) throw BadRequest.missing(at);
      if (c.sha() == null || c.sha().isBlank()) throw BadRequest.missing(at + ".sha");
      if (!SHA.matcher(c.sha().strip()).matches()) {
        throw Invalid.field(
            at + ".sha", "'" + c.sha() + "' is not a commit id (7 to 64 hex digits).");
      }
      if (c.message() == null || c.message().isBlank()) throw BadRequest.missing(at + ".message");
      if (c.url() != null && !c.url().isBlank() && !c.url().matches("(?i)https?://\\S+")) {
        throw Invalid.field(at + ".url", "A commit link is an http(s) address.");
      }
      out.add(
          new NewCommit(
              c.sha().strip().toLowerCase(java.util.Locale.ROOT),
              c.message(),
              c.author() == null || c.author().isBlank() ? null : c.author().strip(),
              c.url() == null || c.url().isBlank() ? null : c.url().strip()));
    }
    return out;
  }

  private static String message(NewCommit c) {
    return c.message() == null || c.message().isBlank() ? "(no message)" : c.message();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private Instant now() {
    return Timestamps.now(clock);
  }
}
