package io.tollgate.demo;

import io.tollgate.automation.AutomationRequest;
import io.tollgate.automation.AutomationRequest.CheckRequest;
import io.tollgate.automation.AutomationRequest.ExecutorRequest;
import io.tollgate.automation.AutomationRequest.VerificationRequest;
import io.tollgate.automation.EnvironmentAutomation;
import io.tollgate.product.ProductManagement;
import io.tollgate.shared.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code --demo}, octoshop's environments deploy themselves: a command executor that runs
 * {@code <data dir>/demo-deploy.sh} (a few seconds of log; a version containing {@code broken}
 * fails), verification by an HTTP check of Tollgate's own health endpoint, and automatic rollback
 * in production. Configured on every start (the port may differ).
 */
@Component
class DemoAutomation {
  private static final Logger log = LoggerFactory.getLogger(DemoAutomation.class);
  static final String SCRIPT = "demo-deploy.sh";

  private final boolean enabled;
  private final Path dataDir;
  private final ProductManagement products;
  private final EnvironmentAutomation automation;
  private final TransactionTemplate tx;

  DemoAutomation(
      @Value("${tollgate.demo:false}") boolean enabled,
      @Value("${tollgate.data-dir:./data}") String dataDir,
      ProductManagement products,
      EnvironmentAutomation automation,
      TransactionTemplate tx) {
    this.enabled = enabled;
    this.dataDir = Path.of(dataDir);
    this.products = products;
    this.automation = automation;
    this.tx = tx;
  }

  @EventListener(ApplicationReadyEvent.class)
  void configure(ApplicationReadyEvent ready) {
    if (!enabled || !products.exists(DemoData.PRODUCT)) return;
    int port =
        ready.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : 8080;
    Path script;
    try {
      script = writeScript();
    } catch (IOException e) {
      log.warn("The demo's deploy script could not be written: {}", e.getMessage());
      return;
    }
    Actor admin = new Actor("admin", true);
    String health = "http://localhost:" + port + "/actuator/health";
    tx.executeWithoutResult(
        s -> {
          for (String env : List.of("staging", "production")) {
            automation.configure(
                admin,
                DemoData.PRODUCT,
                env,
                new AutomationRequest(
                    new ExecutorRequest(
                        "command", null, null, List.of("sh", script.toString()), 60),
                    new VerificationRequest(
                        List.of(new CheckRequest("http", health, 200, "UP", null, null, null)),
                        6,
                        2),
                    true,
                    env.equals("production")));
          }
        });
    log.info("Demo automation: octoshop deploys with {} and checks {}", script, health);
  }

  private Path writeScript() throws IOException {
    Path script = dataDir.toAbsolutePath().resolve(SCRIPT);
    try (InputStream in = DemoAutomation.class.getResourceAsStream(SCRIPT)) {
      Files.createDirectories(script.getParent());
      Files.write(script, in.readAllBytes());
    }
    try {
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // run through sh anyway
    }
    return script;
  }
}
