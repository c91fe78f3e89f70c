package io.tollgate.audit.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit key: from {@code TOLLGATE_AUDIT_KEY_FILE} (which must exist), or else {@code
 * <data>/audit-key.pem}, created on first start. Several nodes on one database must share one key
 * file, or each would find the others' events not written with its key.
 */
@Configuration(proxyBeanMethods = false)
class AuditKeyConfig {
  @Bean
  AuditKeys auditKeys(
      @Value("${tollgate.audit.key-file:}") String keyFile,
      @Value("${tollgate.data-dir}") String dataDir) {
    if (keyFile != null && !keyFile.isBlank()) {
      return AuditKeys.load(Path.of(keyFile), false);
    }
    return AuditKeys.load(Path.of(dataDir, "audit-key.pem"), true);
  }
}
