package io.tollgate.support;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * On PostgreSQL, the test schema is emptied before the suite migrates it: each run starts clean.
 */
@TestConfiguration
@ConditionalOnProperty(name = "tollgate.test.clean-database", havingValue = "true")
public class CleanDatabase {
  @Bean
  FlywayMigrationStrategy cleanThenMigrate() {
    return flyway -> {
      flyway.clean();
      flyway.migrate();
    };
  }
}
