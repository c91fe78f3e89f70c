package io.tollgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where {@code tollgate login} keeps the server and the token: {@code
 * $XDG_CONFIG_HOME/tollgate/config.json}, else {@code ~/.config/tollgate/config.json}; the folder
 * is owner-only (700) and the file too (600), written whole and moved into place so it is never
 * readable by others, not even for a moment. {@code TOLLGATE_URL} and {@code TOLLGATE_TOKEN}
 * override what the file says.
 *
 * <p>Format (version 1): {@code {"version": 1, "url": "...", "token": "..."}}.
 */
final class CliConfig {
  static final int VERSION = 1;
  static final String FILE = "config.json";
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  /** A server and the token to call it with; either may be null. */
  record Login(String url, String token) {}

  private CliConfig() {}

  /** The folder of the configuration, from the environment. */
  static Path directory(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "tollgate");
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) home = System.getProperty("user.home");
    return Path.of(home, ".config", "tollgate");
  }

  /** What the file holds; an empty login when there is no file. */
  static Login read(Path directory, JsonMapper json) {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) return new Login(null, null);
    try {
      JsonNode node = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
      int version = node.path("version").asInt(1);
      if (version > VERSION) {
        throw new CliException(
            ExitCodes.USAGE,
            file + " was written by a newer tollgate (format " + version + "): log in again");
      }
      return new Login(text(node, "url"), text(node, "token"));
    } catch (IOException | tools.jackson.core.JacksonException e) {
      throw new CliException(
          ExitCodes.USAGE, "Cannot read " + file + " (" + e.getMessage() + "): log in again", e);
    }
  }

  /** The login in force: the environment's TOLLGATE_URL/TOLLGATE_TOKEN over the file's. */
  static Login effective(Map<String, String> env, Login stored) {
    String url = env.get("TOLLGATE_URL");
    String token = env.get("TOLLGATE_TOKEN");
    return new Login(
        url == null || url.isBlank() ? stored.url() : url.trim(),
        token == null || token.isBlank() ? stored.token() : token.trim());
  }

  /** Writes the file, owner-only. */
  static Path write(Path directory, Login login, JsonMapper json) {
    try {
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (posix) {
        if (!Files.isDirectory(directory)) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        }
        Files.setPosixFilePermissions(directory, OWNER_DIR);
      } else {
        Files.createDirectories(directory);
      }
      ObjectNode node = json.createObjectNode();
      node.put("version", VERSION);
      node.put("url", login.url());
      node.put("token", login.token());
      Path temp =
          posix
              ? Files.createTempFile(
                  directory, "config", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
              : Files.createTempFile(directory, "config", ".tmp");
      Files.writeString(
          temp, json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
      Path file = directory.resolve(FILE);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (posix) Files.setPosixFilePermissions(file, OWNER_FILE);
      return file;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "Cannot write the login to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Forgets the login; true when there was one. */
  static boolean delete(Path directory) {
    try {
      return Files.deleteIfExists(directory.resolve(FILE));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "Cannot remove " + directory.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
