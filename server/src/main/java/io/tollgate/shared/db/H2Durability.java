package io.tollgate.shared.db;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On the embedded H2 database in file mode, commits are forced to the device before their answer
 * ({@link H2CommitSync}); Spring Boot adds the listener to the transaction manager. Nothing here
 * for PostgreSQL (which fsyncs its WAL on commit itself), an in-memory H2, or an H2 server reached
 * over TCP.
 */
@Configuration(proxyBeanMethods = false)
class H2Durability {

  @Bean
  @Conditional(EmbeddedH2File.class)
  H2CommitSync h2CommitSync(
      DataSource dataSource, ObjectProvider<H2CommitSync.FileSync> sync, MeterRegistry meters) {
    return new H2CommitSync(dataSource, sync.getIfAvailable(() -> MVStore::sync), meters);
  }

  /** {@code spring.datasource.url} names an H2 database in a file of this process. */
  static class EmbeddedH2File implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return isEmbeddedH2File(context.getEnvironment().getProperty("spring.datasource.url"));
    }
  }

  static boolean isEmbeddedH2File(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) return false;
    String rest = url.substring(8).toLowerCase(java.util.Locale.ROOT);
    return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:"));
  }
}
