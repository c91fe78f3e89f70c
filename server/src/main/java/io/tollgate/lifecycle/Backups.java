package io.tollgate.lifecycle;

import io.tollgate.shared.Refused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Online backups of the embedded H2 database: H2's {@code BACKUP TO} writes a consistent copy of
 * the database file into a zip while the server keeps working (the database runs inside this
 * process, so nothing outside it can open the file). PostgreSQL is backed up with its own tools
 * ({@code pg_dump}); the README's "Backup and restore" has both procedures.
 */
@Service
public class Backups {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final DataSource dataSource;
  private final Path directory;
  private final Clock clock;

  Backups(
      DataSource dataSource,
      @Value("${tollgate.backup-dir:${tollgate.data-dir}/backups}") String directory,
      Clock clock) {
    this.dataSource = dataSource;
    this.directory = Path.of(directory);
    this.clock = clock;
  }

  /**
   * A backup written now.
   *
   * @param file the zip's path on the server
   * @param bytes its size
   * @param at when it was taken
   */
  public record Backup(String file, long bytes, Instant at) {}

  /** Writes a backup of the embedded database into the backup directory; 409 on PostgreSQL. */
  public Backup backUp() {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      String url = connection.getMetaData().getURL();
      if (!"H2".equalsIgnoreCase(product)) {
        throw Refused.because(
            "This server keeps its data in "
                + product
                + ", not in the embedded database: back it up with the database's own tools"
                + " (pg_dump -Fc; see the README's \"Backup and restore\").");
      }
      if (url.startsWith("jdbc:h2:mem:")
          || url.startsWith("jdbc:h2:tcp:")
          || url.startsWith("jdbc:h2:ssl:")) {
        throw Refused.because(
            "The database is not a file of this server (in memory, or an H2 server elsewhere):"
                + " there is nothing here to back up.");
      }
      io.tollgate.shared.DataDirectory.ownerOnly(directory);
      Instant at = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
      Path file = free(directory.resolve("tollgate-" + NAME.format(at) + "Z.zip"));
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "BACKUP TO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
      }
      return new Backup(file.toAbsolutePath().toString(), Files.size(file), at);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("The backup could not be written: " + e.getMessage(), e);
    }
  }

  /** The path, or the path with a counter when a backup of the same second exists. */
  private static Path free(Path file) {
    Path candidate = file;
    String name = file.getFileName().toString().replace(".zip", "");
    for (int i = 2; Files.exists(candidate); i++) {
      candidate = file.resolveSibling(name + "-" + i + ".zip");
    }
    return candidate;
  }
}
