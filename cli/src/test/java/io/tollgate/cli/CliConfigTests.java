package io.tollgate.cli;

import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class CliConfigTests {
  final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path home;

  @Test
  void theFolderFollowsXdgElseHome() {
    assertThat(CliConfig.directory(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/x/tollgate"));
    assertThat(CliConfig.directory(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.config/tollgate"));
    assertThat(CliConfig.directory(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "relative")))
        .as("XDG says a relative path is to be ignored")
        .isEqualTo(Path.of("/h/.config/tollgate"));
  }

  @Test
  void theLoginIsWrittenOwnerOnlyAndReadBack() throws Exception {
    Path dir = home.resolve("cfg/tollgate");
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path file = CliConfig.write(dir, new CliConfig.Login("https://tg.example", "tg_abc"), json);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(dir))
        .as("a folder that was open to others is closed")
        .containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE);
    assertThat(CliConfig.read(dir, json))
        .isEqualTo(new CliConfig.Login("https://tg.example", "tg_abc"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
    }
  }

  @Test
  void theEnvironmentOverridesTheFile() {
    CliConfig.Login stored = new CliConfig.Login("https://a", "t1");
    assertThat(CliConfig.effective(Map.of(), stored)).isEqualTo(stored);
    assertThat(
            CliConfig.effective(
                Map.of("TOLLGATE_URL", "https://b", "TOLLGATE_TOKEN", " t2 "), stored))
        .isEqualTo(new CliConfig.Login("https://b", "t2"));
    assertThat(CliConfig.effective(Map.of("TOLLGATE_TOKEN", ""), stored)).isEqualTo(stored);
  }

  @Test
  void version1IsReadAndANewerVersionIsRefused() throws Exception {
    Path dir = Files.createDirectories(home.resolve("t"));
    Files.writeString(
        dir.resolve("config.json"), "{\"version\":1,\"url\":\"http://x:8080\",\"token\":\"tg_1\"}");
    assertThat(CliConfig.read(dir, json)).isEqualTo(new CliConfig.Login("http://x:8080", "tg_1"));
    Files.writeString(dir.resolve("config.json"), "{\"version\":2,\"url\":\"http://x\"}");
    assertThatThrownBy(() -> CliConfig.read(dir, json))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("newer tollgate");
    Files.writeString(dir.resolve("config.json"), "{broken");
    assertThatThrownBy(() -> CliConfig.read(dir, json)).hasMessageContaining("log in again");
  }

  @Test
  void serverUrlsAreNormalised() {
    assertThat(ApiClient.baseUri("localhost:8080").toString()).isEqualTo("http://localhost:8080");
    assertThat(ApiClient.baseUri("https://tg.example/").toString()).isEqualTo("https://tg.example");
    assertThat(ApiClient.baseUri("https://tg.example/api/v1/").toString())
        .isEqualTo("https://tg.example");
    assertThatThrownBy(() -> ApiClient.baseUri("ftp://tg.example"))
        .isInstanceOf(CliException.class)
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
