package io.tollgate.release;

import io.tollgate.process.RequirementDef;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.Refused;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A requirement with {@code check: zero-failures} is a quality gate: it can be met only once test
 * results are attached to it and the latest report of each suite (reports are told apart by name)
 * shows zero failures and zero errors. A later report of a suite replaces an earlier one.
 */
public final class QualityGatePolicy {
  private QualityGatePolicy() {}

  /** What the gate still waits for; empty when the requirement may be met. */
  public static List<Blocker> blockers(RequirementDef def, List<TestResults.Report> reports) {
    if (def == null || def.check() != RequirementDef.Check.ZERO_FAILURES) return List.of();
    if (reports.isEmpty()) {
      return List.of(
          new Blocker(
              "test-report",
              def.key(),
              "No test results attached yet: attach JUnit XML with tollgate evidence junit"
                  + " <files…> --requirement "
                  + def.key()));
    }
    Map<String, TestResults.Report> latest = new LinkedHashMap<>();
    reports.forEach(r -> latest.put(r.name(), r));
    List<Blocker> blockers = new ArrayList<>();
    for (TestResults.Report report : latest.values()) {
      if (report.failures() == 0 && report.errors() == 0) continue;
      if (report.failing().isEmpty()) {
        blockers.add(
            new Blocker(
                "test",
                report.name(),
                report.failures() + " failure(s) and " + report.errors() + " error(s)"));
      }
      for (TestResults.FailingTest t : report.failing()) {
        String message = t.message() == null || t.message().isBlank() ? "" : ": " + t.message();
        if (message.length() > 160) message = message.substring(0, 159) + "…";
        blockers.add(
            new Blocker(
                "test", t.suite() + " › " + t.name(), "failed in " + report.name() + message));
      }
    }
    return blockers;
  }

  /** Refuses meeting the requirement while the gate has blockers (409 with them). */
  static void check(RequirementDef def, List<TestResults.Report> reports) {
    List<Blocker> blockers = blockers(def, reports);
    if (blockers.isEmpty()) return;
    List<String> named = blockers.stream().map(Blocker::key).limit(10).toList();
    throw Refused.because(
        "Requirement '"
            + def.key()
            + "' is a quality gate that needs test results with zero failures and errors; "
            + (blockers.get(0).kind().equals("test-report")
                ? blockers.get(0).title()
                : "failing: "
                    + String.join(", ", named)
                    + (blockers.size() > named.size()
                        ? " and " + (blockers.size() - named.size()) + " more"
                        : ""))
            + ".",
        blockers);
  }
}
