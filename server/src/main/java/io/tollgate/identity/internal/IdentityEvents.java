package io.tollgate.identity.internal;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.shared.Actor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity feature's audit events, in the one vocabulary: {@code user.created}, {@code
 * user.disabled}, {@code token.issued}, {@code password.changed}, {@code signin.failed}, {@code
 * access.denied}, ... Each is about a user ({@code user/<username>}) and belongs to no product.
 */
@Component
public class IdentityEvents {
  /** The longest claimed username kept in an event: sign-in attempts may send anything. */
  private static final int MAX_CLAIMED = 64;

  private final AuditLog audit;
  private final TransactionTemplate own;

  IdentityEvents(AuditLog audit, PlatformTransactionManager transactions) {
    this.audit = audit;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Appends an event about a user in the current transaction (the change's own). */
  public void append(String type, Actor by, String username, Map<String, ?> payload) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("username", username);
    facts.putAll(payload);
    audit.append(AuditRecord.of(type, by, null, "user/" + username, null, facts));
  }

  /**
   * Appends an event that is the only thing that happens (a sign-in attempt, a refused request) in
   * a transaction of its own.
   */
  public void appendAlone(String type, Actor by, String username, Map<String, ?> payload) {
    String claimed = claimed(username);
    own.executeWithoutResult(status -> append(type, by, claimed, payload));
  }

  /** A username as claimed by someone not yet signed in: bounded, never blank. */
  static String claimed(String username) {
    if (username == null || username.isBlank()) return "(none)";
    String s = username.strip();
    return s.length() > MAX_CLAIMED ? s.substring(0, MAX_CLAIMED) + "…" : s;
  }
}
