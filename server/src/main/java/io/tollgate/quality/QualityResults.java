package io.tollgate.quality;

import io.tollgate.quality.internal.TestReportStore;
import io.tollgate.release.TestResults;
import java.util.List;
import org.springframework.stereotype.Component;

/** The test reports attached to a requirement, for the release's quality gate. */
@Component
class QualityResults implements TestResults {
  private final TestReportStore store;

  QualityResults(TestReportStore store) {
    this.store = store;
  }

  @Override
  public List<Report> attachedTo(String releaseId, String requirement) {
    return store.of(releaseId).stream()
        .filter(
            r ->
                r.attachedTo().kind().equals("requirement")
                    && r.attachedTo().key().equals(requirement))
        .map(
            r ->
                new Report(
                    r.name(),
                    r.failures(),
                    r.errors(),
                    r.failing().stream()
                        .map(f -> new FailingTest(f.suite(), f.name(), f.message()))
                        .toList()))
        .toList();
  }
}
