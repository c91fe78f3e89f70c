package io.tollgate.customer;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.customer.internal.CustomerIssueStore;
import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer-reported issues: recorded by support or the release manager on a release that reached
 * production, read by the product's members, and a critical one escalated to an incident (with the
 * playbook) in one action. Each change is audited ({@code customer-issue.reported}, {@code
 * customer-issue.escalated}); the first is a notification type.
 */
@Service
public class CustomerIssues {
  static final String SUPPORT = "support";

  private final CustomerIssueStore store;
  private final ReleaseManagement releases;
  private final ProductManagement products;
  private final IncidentManagement incidents;
  private final AuditLog audit;
  private final Clock clock;

  CustomerIssues(
      CustomerIssueStore store,
      ReleaseManagement releases,
      ProductManagement products,
      IncidentManagement incidents,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.releases = releases;
    this.products = products;
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public CustomerIssue report(
      Actor by, String releaseId, String summary, String severity, String link) {
    Release r = releases.get(by, releaseId);
    requireSupportOrManager(by, r, "Recording customer issues");
    String s = CustomerIssueRules.summary(summary);
    String sev = CustomerIssueRules.severity(severity);
    String l = CustomerIssueRules.link(link);
    CustomerIssueRules.requireReleased(r.releasedAt().isPresent(), r.version().toString());
    CustomerIssue issue =
        new CustomerIssue(
            UUID.randomUUID().toString(),
            releaseId,
            r.product(),
            r.version().toString(),
            s,
            sev,
            l,
            by.username(),
            Timestamps.now(clock),
            null,
            null,
            null);
    store.insert(issue);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("issue", issue.id());
    p.put("version", issue.version());
    p.put("summary", s);
    p.put("severity", sev);
    if (l != null) p.put("link", l);
    audit.append(
        AuditRecord.of(
            "customer-issue.reported",
            by,
            r.product(),
            "customer-issue/" + issue.id(),
            releaseId,
            p));
    return issue;
  }

  @Transactional(readOnly = true)
  public List<CustomerIssue> ofRelease(Actor by, String releaseId) {
    releases.get(by, releaseId);
    return store.ofRelease(releaseId);
  }

  /** The number of issues per release, for pages that show counts. */
  @Transactional(readOnly = true)
  public Map<String, Integer> counts(List<String> releaseIds) {
    return store.counts(releaseIds);
  }

  /** Opens an incident for a critical issue (answers it), once. */
  @Transactional
  public Incident escalate(Actor by, String issueId) {
    CustomerIssue issue =
        store.lock(issueId).orElseThrow(() -> NotFound.of("customer issue", issueId));
    Release r = releases.get(by, issue.release());
    requireSupportOrManager(by, r, "Escalating customer issues");
    CustomerIssueRules.requireEscalatable(issue);
    Incident incident =
        incidents.open(by, issue.release(), "critical", "Customer-reported: " + issue.summary());
    store.escalated(issueId, incident.data().id(), by.username(), Timestamps.now(clock));
    audit.append(
        AuditRecord.of(
            "customer-issue.escalated",
            by,
            r.product(),
            "customer-issue/" + issueId,
            issue.release(),
            Map.of(
                "issue", issueId, "incident", incident.data().id(), "version", issue.version())));
    return incident;
  }

  private void requireSupportOrManager(Actor by, Release r, String what) {
    Set<String> roles = products.rolesOf(r.product(), by.username());
    String manager = r.process().releaseManagerRole();
    if (!roles.contains(SUPPORT) && !roles.contains(manager)) {
      throw Forbidden.because(what + " is for support or the " + manager + " of the product.");
    }
  }
}
