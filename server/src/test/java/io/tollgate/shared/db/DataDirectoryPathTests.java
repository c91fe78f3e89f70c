package io.tollgate.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryPathTests {
  @Test
  void aRelativeDataDirectoryBecomesAbsoluteAgainstTheWorkingDirectory() {
    StandardEnvironment env = environment("mydata");
    new DataDirectoryPath().postProcessEnvironment(env, null);
    assertThat(env.getProperty("tollgate.data-dir"))
        .isEqualTo(Path.of("mydata").toAbsolutePath().normalize().toString());
    // and so does the database URL built from it
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "url", Map.of("url", "jdbc:h2:file:${tollgate.data-dir}/tollgate")));
    assertThat(env.getProperty("url")).startsWith("jdbc:h2:file:/").endsWith("/mydata/tollgate");
  }

  @Test
  void anAbsoluteOrMissingDataDirectoryIsLeftAlone() {
    StandardEnvironment absolute = environment("/srv/tollgate/data");
    new DataDirectoryPath().postProcessEnvironment(absolute, null);
    assertThat(absolute.getProperty("tollgate.data-dir")).isEqualTo("/srv/tollgate/data");
    assertThat(absolute.getPropertySources().contains(DataDirectoryPath.SOURCE)).isFalse();

    StandardEnvironment none = new StandardEnvironment();
    new DataDirectoryPath().postProcessEnvironment(none, null);
    assertThat(none.getPropertySources().contains(DataDirectoryPath.SOURCE)).isFalse();
  }

  @Test
  void springBootRunsIt() throws Exception {
    java.util.List<String> named = new java.util.ArrayList<>();
    var files = getClass().getClassLoader().getResources("META-INF/spring.factories");
    while (files.hasMoreElements()) {
      java.util.Properties p = new java.util.Properties();
      try (var in = files.nextElement().openStream()) {
        p.load(in);
      }
      String value = p.getProperty(EnvironmentPostProcessor.class.getName(), "");
      for (String name : value.split(",")) named.add(name.strip());
    }
    assertThat(named).contains(DataDirectoryPath.class.getName());
  }

  private static StandardEnvironment environment(String dataDir) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("tollgate.data-dir", dataDir)));
    return env;
  }
}
