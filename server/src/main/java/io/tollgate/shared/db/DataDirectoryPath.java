package io.tollgate.shared.db;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code tollgate.data-dir} absolute, against the directory the server was started in, before
 * anything reads it: H2 refuses a database path that is "implicitly relative" ({@code
 * TOLLGATE_DATA_DIR=data} gave {@code jdbc:h2:file:data/tollgate} and the server did not start),
 * and the keys, backups and checkpoints under it then name the same place whatever reads them.
 */
public class DataDirectoryPath implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE = "tollgateAbsoluteDataDir";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String dir = environment.getProperty("tollgate.data-dir");
    if (dir == null || dir.isBlank()) return;
    Path path = Path.of(dir.strip());
    if (path.isAbsolute()) return;
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                SOURCE, Map.of("tollgate.data-dir", path.toAbsolutePath().normalize().toString())));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
  }
}
