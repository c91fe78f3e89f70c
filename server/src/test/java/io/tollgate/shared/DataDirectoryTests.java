package io.tollgate.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Issue 12, finding 11: the data directory and what is in it are the server user's only. */
class DataDirectoryTests {

  @Test
  void theDataDirectoryIsCreatedOwnerOnlyBeforeTheDatabaseOpens(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("data");
    DataDirectory data = new DataDirectory();
    data.setEnvironment(new MockEnvironment().withProperty("tollgate.data-dir", dir.toString()));
    data.postProcessBeanFactory(null);
    assertThat(Files.getPosixFilePermissions(dir))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void filesTheDatabaseCreatedAreMadeOwnerOnlyOnceTheServerIsUp(@TempDir Path dir)
      throws Exception {
    Path db = dir.resolve("tollgate.mv.db");
    Files.writeString(db, "x");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    DataDirectory data = new DataDirectory();
    data.setEnvironment(new MockEnvironment().withProperty("tollgate.data-dir", dir.toString()));
    data.onApplicationEvent(null);
    assertThat(Files.getPosixFilePermissions(db))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void aSecretIsWrittenToAFileThatIsOwnerOnlyFromItsCreation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("initial-admin-token");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    DataDirectory.writeSecret(file, "tg_secret\n");
    assertThat(Files.readString(file)).isEqualTo("tg_secret\n");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
