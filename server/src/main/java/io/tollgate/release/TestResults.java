package io.tollgate.release;

import java.util.List;

/**
 * The JUnit test results attached to a release's requirements, as the quality gate ({@link
 * QualityGatePolicy}) reads them. Provided by the quality feature; without it, none are attached.
 */
public interface TestResults {
  /** The reports attached to the requirement, oldest first. */
  List<Report> attachedTo(String releaseId, String requirement);

  /**
   * One attached report: its suite name, counts, and the failing tests ({@code suite › name}: its
   * message).
   */
  record Report(String name, int failures, int errors, List<FailingTest> failing) {
    public Report {
      failing = List.copyOf(failing);
    }
  }

  /** A test that failed or erred. */
  record FailingTest(String suite, String name, String message) {}
}
