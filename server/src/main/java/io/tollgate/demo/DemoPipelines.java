package io.tollgate.demo;

import io.tollgate.changes.ChangesManagement;
import io.tollgate.changes.NewCommit;
import io.tollgate.quality.TestReports;
import io.tollgate.shared.Actor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What pipelines bring to the demo release being prepared: commits posted by the developer (as
 * {@code tollgate changes add --from-git} does), grouped and suggesting a version, and the test
 * results the QA lead attached to the quality gate (as {@code tollgate evidence junit} does).
 */
@Component
class DemoPipelines {
  private static final String REPO = "https://github.com/octoacme/octoshop/commit/";

  private final ChangesManagement changes;
  private final TestReports reports;

  DemoPipelines(ChangesManagement changes, TestReports reports) {
    this.changes = changes;
    this.reports = reports;
  }

  void seed(String releaseId, Actor developer, Actor qa) {
    List<NewCommit> commits =
        List.of(
            commit("a1f3c0de", "feat(cart): gift cards at checkout", "Devon Diaz"),
            commit("b2e4d1ef", "feat: gift card balance on the account page", "Devon Diaz"),
            commit("c3d5e2f0", "fix(checkout): rounding of totals with gift cards", "Dana Devlin"),
            commit("d4c6f301", "perf: cache the catalogue's price list", "Devon Diaz"),
            commit("e5b70412", "Update README", "Rita Ramos"));
    changes.add(developer, releaseId, commits);
    reports.attach(qa, releaseId, null, "quality-gate", SUREFIRE.getBytes(StandardCharsets.UTF_8));
  }

  private static NewCommit commit(String prefix, String message, String author) {
    String sha = (prefix + "0".repeat(40)).substring(0, 40);
    return new NewCommit(sha, message, author, REPO + sha);
  }

  /** A Maven Surefire report of the gift card tests: one failing, one skipped. */
  private static final String SUREFIRE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuite name="com.octoacme.shop.GiftCardTests" tests="5" failures="1" errors="0" skipped="1" time="1.284">
        <testcase name="redeemsACard" classname="com.octoacme.shop.GiftCardTests" time="0.210"/>
        <testcase name="refusesAnExpiredCard" classname="com.octoacme.shop.GiftCardTests" time="0.102"/>
        <testcase name="showsTheBalance" classname="com.octoacme.shop.GiftCardTests" time="0.311"/>
        <testcase name="roundsTotalsWithACard" classname="com.octoacme.shop.GiftCardTests" time="0.661">
          <failure message="expected: 10.00 but was: 9.99" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: 10.00 but was: 9.99
        at com.octoacme.shop.GiftCardTests.roundsTotalsWithACard(GiftCardTests.java:88)</failure>
        </testcase>
        <testcase name="splitsAPayment" classname="com.octoacme.shop.GiftCardTests" time="0.0">
          <skipped message="waits for the payment provider's sandbox"/>
        </testcase>
      </testsuite>
      """;
}
