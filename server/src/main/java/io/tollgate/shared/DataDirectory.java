package io.tollgate.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The data directory (the embedded database, {@code initial-admin-token}) is for the server's own
 * user only: created owner-only ({@code rwx------}) before any bean opens the database, and the
 * files in it made {@code rw-------} once the server is up. A no-op where the file system has no
 * POSIX permissions.
 */
@Component
public class DataDirectory
    implements BeanFactoryPostProcessor,
        EnvironmentAware,
        ApplicationListener<ApplicationReadyEvent> {
  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
  public static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private Path dir;

  @Override
  public void setEnvironment(Environment environment) {
    dir = Path.of(environment.getProperty("tollgate.data-dir", "./data"));
  }

  /** Runs before any singleton, the data source among them, is created. */
  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    try {
      ownerOnly(dir);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not make the data directory {} owner-only: {}", dir, e.getMessage());
    }
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(Files::isRegularFile).forEach(DataDirectory::ownerOnlyFile);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not make the files in {} owner-only: {}", dir, e.getMessage());
    }
  }

  /** Creates the directory owner-only, or makes an existing one owner-only. */
  public static void ownerOnly(Path dir) throws IOException {
    if (!posix(dir)) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.exists(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    }
    Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
  }

  private static void ownerOnlyFile(Path file) {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("Could not make {} owner-only: {}", file, e.getMessage());
    }
  }

  /**
   * Writes a secret to a file that is owner-only from its creation: the permissions are set when
   * the file is created, so there is no moment in which another user could open it.
   */
  public static void writeSecret(Path file, String content) throws IOException {
    ownerOnly(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    if (posix(file.toAbsolutePath().getParent())) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, content, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static boolean posix(Path path) throws IOException {
    Path existing = path.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
  }
}
