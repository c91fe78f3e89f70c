package io.tollgate.identity.internal;

import io.tollgate.identity.TokenManagement;
import io.tollgate.identity.Tokens;
import io.tollgate.identity.UserManagement;
import io.tollgate.shared.Actor;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database, creates the system administrator {@code admin}. Its token comes from {@code
 * TOLLGATE_BOOTSTRAP_ADMIN_TOKEN}, or is generated and written once to the log and to {@code
 * initial-admin-token} in the data directory. There is no default password.
 */
@Component
@Order(10)
class AdminBootstrap implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserManagement users;
  private final TokenManagement tokens;
  private final TransactionTemplate tx;
  private final String configuredToken;
  private final Path dataDir;

  AdminBootstrap(
      UserManagement users,
      TokenManagement tokens,
      TransactionTemplate tx,
      @Value("${tollgate.bootstrap-admin-token:}") String configuredToken,
      @Value("${tollgate.data-dir:./data}") String dataDir) {
    this.users = users;
    this.tokens = tokens;
    this.tx = tx;
    this.configuredToken = configuredToken;
    this.dataDir = Path.of(dataDir);
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!configuredToken.isBlank() && configuredToken.strip().length() < 20) {
      throw new IllegalStateException(
          "TOLLGATE_BOOTSTRAP_ADMIN_TOKEN is too short: use at least 20 random characters.");
    }
    String token;
    try {
      token =
          tx.execute(
              status -> {
                if (users.count() > 0) {
                  return null;
                }
                users.createUnchecked(Actor.SYSTEM, "admin", "System administrator", null, true);
                String chosen =
                    configuredToken.isBlank() ? Tokens.generate() : configuredToken.strip();
                return tokens.issueUnchecked(Actor.SYSTEM, "admin", "bootstrap", chosen).token();
              });
    } catch (org.springframework.dao.DuplicateKeyException another) {
      // several nodes started at once on an empty database: another one made the administrator
      log.info("Another node created the system administrator at the same moment.");
      return;
    }
    if (token == null || !configuredToken.isBlank()) {
      if (token != null) {
        log.info(
            "Created the system administrator 'admin' with the token from TOLLGATE_BOOTSTRAP_ADMIN_TOKEN.");
      }
      return;
    }
    Path file = dataDir.resolve("initial-admin-token");
    // owner-only from its creation, before the token is written (see DataDirectory)
    io.tollgate.shared.DataDirectory.writeSecret(file, token + System.lineSeparator());
    log.warn(
        "\n\n  Created the system administrator 'admin'. Its API token (shown once, also in {}):\n\n    {}\n",
        file.toAbsolutePath().normalize(),
        token);
  }
}
