package io.tollgate.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.identity.ActionCatalog;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The action name of each command of the API, as a token's scope lists it: the one place that names
 * them. A command not named here is its operation id (e.g. {@code startStep}); reads (GET, and the
 * few POSTs that only check something) need no action.
 */
@Component
class ScopeActions implements ActionCatalog {
  static final Map<String, String> NAMES =
      Map.ofEntries(
          // releases
          Map.entry("createRelease", "releases:create"),
          Map.entry("updateRelease", "releases:update"),
          Map.entry("cancelRelease", "releases:cancel"),
          Map.entry("meetRequirement", "requirements:meet"),
          Map.entry("completeStep", "steps:complete"),
          Map.entry("startStep", "steps:start"),
          Map.entry("skipStep", "steps:skip"),
          Map.entry("decide", "decisions:decide"),
          Map.entry("approveRelease", "approvals:approve"),
          Map.entry("acknowledgeHandoff", "handoffs:acknowledge"),
          Map.entry("updateNotes", "notes:update"),
          Map.entry("addChanges", "changes:add"),
          Map.entry("addTestReport", "test-reports:add"),
          // incidents
          Map.entry("openIncident", "incidents:open"),
          Map.entry("completeIncidentStep", "incidents:complete-step"),
          Map.entry("skipIncidentStep", "incidents:skip-step"),
          Map.entry("resolveIncident", "incidents:resolve"),
          // products and integrations
          Map.entry("createProduct", "products:create"),
          Map.entry("setProductMember", "members:set"),
          Map.entry("setGithubIntegration", "integrations:set"),
          Map.entry("deleteGithubIntegration", "integrations:delete"),
          Map.entry("publishProcess", "processes:publish"),
          // freezes and their emergency overrides
          Map.entry("createFreeze", "freezes:create"),
          Map.entry("deleteFreeze", "freezes:delete"),
          Map.entry("requestFreezeOverride", "freeze-overrides:request"),
          Map.entry("approveFreezeOverride", "freeze-overrides:approve"),
          // users and their tokens (never for a scoped token: see TokenScope.ACCOUNT_ACTIONS)
          Map.entry("createUser", "users:create"),
          Map.entry("disableUser", "users:disable"),
          Map.entry("enableUser", "users:enable"),
          Map.entry("issueToken", "tokens:issue"),
          Map.entry("revokeToken", "tokens:revoke"),
          Map.entry("setPassword", "users:set-password"),
          // the caller's calendar feed token (never for a scoped token: it reads all their
          // products)
          Map.entry("createCalendarToken", "calendar-tokens:create"),
          Map.entry("revokeCalendarToken", "calendar-tokens:revoke"));

  /**
   * POST operations that need no action: they only read or check, or are not called with a token at
   * all (a webhook, signed by its sender).
   */
  static final Set<String> READS =
      Set.of("verifyAuditLog", "verifyAuditCheckpoint", "receiveGithubWebhook");

  /** Operations authenticated by their sender's signature instead of a token. */
  static final Set<String> SIGNED = Set.of("receiveGithubWebhook");

  private final ObjectProvider<RequestMappingHandlerMapping> mappings;
  private volatile Set<String> all;

  ScopeActions(
      @Qualifier("requestMappingHandlerMapping")
          ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  /** The operation id of an API handler, or null. */
  static String operationId(HandlerMethod handler) {
    Operation op = handler.getMethodAnnotation(Operation.class);
    return op == null || op.operationId().isBlank() ? null : op.operationId();
  }

  /** The action a call of this handler needs; null when it only reads. */
  static String action(HandlerMethod handler, String httpMethod) {
    String id = operationId(handler);
    if ("GET".equals(httpMethod) || "HEAD".equals(httpMethod) || "OPTIONS".equals(httpMethod)) {
      return null;
    }
    if (id != null && READS.contains(id)) return null;
    if (id == null) return handler.getMethod().getName();
    return NAMES.getOrDefault(id, id);
  }

  /** Every action of the API's commands (computed once, when first asked). */
  @Override
  public Set<String> actions() {
    Set<String> known = all;
    if (known == null) {
      // the named actions, whether or not this server has their endpoint yet, and every command
      Set<String> found = new TreeSet<>(NAMES.values());
      mappings
          .getObject()
          .getHandlerMethods()
          .forEach(
              (info, handler) -> {
                if (operationId(handler) == null) return;
                info.getMethodsCondition()
                    .getMethods()
                    .forEach(
                        m -> {
                          String action = action(handler, m.name());
                          if (action != null) found.add(action);
                        });
              });
      all = known = Set.copyOf(found);
    }
    return known;
  }
}
