package io.tollgate.demo;

import io.tollgate.identity.PasswordManagement;
import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.Tokens;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code TOLLGATE_DEMO=true} (or {@code --demo}) seeds the product {@code octoshop} once
 * ({@link DemoStory}: five people in the five roles and releases in every state). Each start gives
 * the demo people fresh tokens and passwords and prints them.
 */
@Component
@Order(20)
class DemoData implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  static final String PRODUCT = "octoshop";
  static final Map<String, String[]> PEOPLE = new LinkedHashMap<>();

  static {
    PEOPLE.put("rita", new String[] {"Rita Ramos", "release-manager"});
    PEOPLE.put("quinn", new String[] {"Quinn Quade", "qa-lead"});
    PEOPLE.put("dana", new String[] {"Dana Devlin", "devops"});
    PEOPLE.put("devon", new String[] {"Devon Diaz", "developer"});
    PEOPLE.put("sam", new String[] {"Sam Sutton", "support"});
  }

  private final boolean enabled;
  private final DemoStory story;
  private final TokenManagement tokenManagement;
  private final PasswordManagement passwordManagement;
  private final ProductManagement products;
  private final TransactionTemplate tx;
  private final ApplicationContext context;

  DemoData(
      @Value("${tollgate.demo:false}") boolean enabled,
      DemoStory story,
      TokenManagement tokenManagement,
      PasswordManagement passwordManagement,
      ProductManagement products,
      TransactionTemplate tx,
      ApplicationContext context) {
    this.enabled = enabled;
    this.story = story;
    this.tokenManagement = tokenManagement;
    this.passwordManagement = passwordManagement;
    this.products = products;
    this.tx = tx;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!enabled) {
      return;
    }
    if (!products.exists(PRODUCT)) {
      tx.executeWithoutResult(status -> story.seed());
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, String> passwords = new LinkedHashMap<>();
    tx.executeWithoutResult(
        status ->
            PEOPLE
                .keySet()
                .forEach(
                    u -> {
                      tokens.put(
                          u,
                          tokenManagement
                              .issueUnchecked(
                                  Actor.SYSTEM, u, "demo " + Instant.now(), Tokens.generate())
                              .token());
                      String password = DemoPasswords.generate();
                      passwordManagement.reset(Actor.SYSTEM, u, password, Map.of("demo", true));
                      passwords.put(u, password);
                    }));
    int port =
        context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
    log.warn(banner(port, tokens, passwords));
  }

  /** The start-up banner: each demo person with their fresh token and password. */
  static String banner(int port, Map<String, String> tokens, Map<String, String> passwords) {
    StringBuilder banner =
        new StringBuilder(
            "\n\n  Tollgate demo data: product '"
                + PRODUCT
                + "' at http://localhost:"
                + port
                + "\n\n");
    banner.append(
        String.format("    %-6s %-16s %-28s %s%n", "user", "role", "password", "API token"));
    tokens.forEach(
        (u, t) ->
            banner.append(
                String.format(
                    "    %-6s %-16s %-28s %s%n", u, PEOPLE.get(u)[1], passwords.get(u), t)));
    banner
        .append("\n  Open http://localhost:")
        .append(port)
        .append("/ and sign in as rita with the password above.")
        .append("\n  Try:  curl -H 'Authorization: Bearer ")
        .append(tokens.get("rita"))
        .append("' http://localhost:")
        .append(port)
        .append("/api/v1/products/")
        .append(PRODUCT)
        .append("/releases\n");
    return banner.toString();
  }
}
