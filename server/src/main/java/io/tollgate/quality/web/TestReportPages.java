package io.tollgate.quality.web;

import io.tollgate.quality.TestReports;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.Page;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The release page's test results, loaded by htmx: each report's summary and failing tests. */
@Controller
@Page
class TestReportPages {
  private final TestReports reports;

  TestReportPages(TestReports reports) {
    this.reports = reports;
  }

  @GetMapping("/releases/{id}/test-reports-panel")
  String panel(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    java.util.List<io.tollgate.quality.TestReport> newestFirst =
        new java.util.ArrayList<>(reports.of(me, id));
    java.util.Collections.reverse(newestFirst);
    model.addAttribute("reports", newestFirst);
    return "quality/panel :: panel";
  }
}
