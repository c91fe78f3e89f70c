package io.tollgate.quality;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.process.RequirementDef;
import io.tollgate.process.StepDef;
import io.tollgate.quality.internal.TestReportStore;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Test reports of a release: a JUnit XML file attached to a requirement or a step as its evidence,
 * by a holder of the role that owns it (or their pipeline's token), summarised and kept.
 */
@Service
public class TestReports {
  private final TestReportStore store;
  private final ReleaseManagement releases;
  private final AuditLog audit;
  private final Clock clock;

  TestReports(TestReportStore store, ReleaseManagement releases, AuditLog audit, Clock clock) {
    this.store = store;
    this.releases = releases;
    this.audit = audit;
    this.clock = clock;
  }

  /** Attaches a report to {@code requirement} or {@code step} (exactly one of them). */
  @Transactional
  public TestReport attach(
      Actor by, String releaseId, String requirement, String step, byte[] xml) {
    Release release = releases.get(by, releaseId);
    if ((requirement == null) == (step == null)) {
      throw BadRequest.because("Name what the report is for: ?requirement=KEY or ?step=KEY (one).");
    }
    String kind = requirement != null ? "requirement" : "step";
    String key = requirement != null ? requirement : step;
    String owner = owner(release, kind, key);
    Participant p = releases.participant(by, release.product());
    if (!p.holds(owner)) {
      throw Forbidden.needsRole(
          owner,
          "Attaching test results to " + kind + " '" + key + "'",
          by.username(),
          p.sortedRoles());
    }
    if (xml == null || xml.length == 0)
      throw BadRequest.because("The body is empty: send one JUnit XML file.");
    JunitReport parsed = JunitReport.parse(xml);
    Instant now = Timestamps.now(clock);
    TestReport report =
        new TestReport(
            UUID.randomUUID().toString(),
            cut(parsed.name(), 300),
            parsed.tests(),
            parsed.failures(),
            parsed.errors(),
            parsed.skipped(),
            parsed.durationSeconds(),
            parsed.failing(),
            new TestReport.AttachedTo(kind, key),
            by.username(),
            now);
    store.insert(release.id().value(), release.product(), report);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("report", report.id());
    facts.put(kind, key);
    facts.put("tests", report.tests());
    facts.put("failures", report.failures());
    facts.put("errors", report.errors());
    facts.put("skipped", report.skipped());
    audit.append(
        AuditRecord.of(
            "test-report.attached",
            by,
            release.product(),
            "release/" + release.id().value(),
            release.id().value(),
            facts));
    return report;
  }

  /** A release's reports, oldest first (members of its product). */
  @Transactional(readOnly = true)
  public List<TestReport> of(Actor by, String releaseId) {
    return store.of(releases.get(by, releaseId).id().value());
  }

  private static String owner(Release release, String kind, String key) {
    if (kind.equals("requirement")) {
      return release
          .process()
          .requirement(key)
          .filter(d -> release.requirements().stream().anyMatch(s -> s.key().equals(key)))
          .map(RequirementDef::owner)
          .orElseThrow(() -> NotFound.of("requirement", key));
    }
    return release
        .process()
        .step(key)
        .filter(d -> release.steps().stream().anyMatch(s -> s.key().equals(key)))
        .map(StepDef::owner)
        .orElseThrow(() -> NotFound.of("step", key));
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
