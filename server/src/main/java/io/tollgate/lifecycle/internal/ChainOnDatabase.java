package io.tollgate.lifecycle.internal;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.Verification;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.support.PropertySourcesPlaceholderConfigurer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the audit chain of a database outside the server: the audit module alone (its services,
 * without its web layer or schedules) in a small Spring context on that database, so the check is
 * the server's own {@link AuditLog#verify()}.
 */
final class ChainOnDatabase {
  private ChainOnDatabase() {}

  static Verification verify(
      String url, String user, String password, String dataDir, String keyFile) {
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      Map<String, Object> properties = new HashMap<>();
      properties.put("tollgate.data-dir", dataDir);
      properties.put("tollgate.audit.key-file", keyFile == null ? "" : keyFile);
      properties.put("tollgate.lifecycle.url", url);
      properties.put("tollgate.lifecycle.user", user);
      properties.put("tollgate.lifecycle.password", password);
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("migrate", properties));
      context.register(AuditOnly.class);
      context.refresh();
      return context.getBean(AuditLog.class).verify();
    }
  }

  /**
   * Registered by hand, never scanned: not a {@code @Configuration} (the server's own scan would
   * pick it up).
   */
  @EnableTransactionManagement
  @ComponentScan(
      basePackages = "io.tollgate.audit",
      excludeFilters =
          @ComponentScan.Filter(
              type = FilterType.REGEX,
              pattern = "io\\.tollgate\\.audit\\.web\\..*"))
  static class AuditOnly {
    @Bean
    static PropertySourcesPlaceholderConfigurer placeholders() {
      return new PropertySourcesPlaceholderConfigurer();
    }

    /** Spring Boot's conversions for {@code @Value}, e.g. "1s" as a {@code Duration}. */
    @Bean
    static org.springframework.core.convert.ConversionService conversionService() {
      return org.springframework.boot.convert.ApplicationConversionService.getSharedInstance();
    }

    @Bean
    DataSource dataSource(org.springframework.core.env.Environment env) {
      return new DriverManagerDataSource(
          env.getRequiredProperty("tollgate.lifecycle.url"),
          env.getRequiredProperty("tollgate.lifecycle.user"),
          env.getProperty("tollgate.lifecycle.password", ""));
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
      return JdbcClient.create(dataSource);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
      return new TransactionTemplate(transactions);
    }

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }
}
