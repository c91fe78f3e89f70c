package io.tollgate.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one run of {@code tollgate} works with: its environment, its output streams and, once a
 * command needs it, the API client. Tests make their own with a chosen environment.
 */
final class Session {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final JsonMapper json = JsonMapper.builder().build();
  private ApiClient api;

  Session(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
  }

  Map<String, String> env() {
    return env;
  }

  InputStream in() {
    return in;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  JsonMapper json() {
    return json;
  }

  Path configDirectory() {
    return CliConfig.directory(env);
  }

  CliConfig.Login login() {
    return CliConfig.effective(env, CliConfig.read(configDirectory(), json));
  }

  /** The client of the server logged in to (or named by TOLLGATE_URL/TOLLGATE_TOKEN). */
  ApiClient api() {
    if (api == null) {
      CliConfig.Login login = login();
      if (login.url() == null) {
        throw new CliException(
            ExitCodes.USAGE,
            "No server: run `tollgate login <url>` or set TOLLGATE_URL and TOLLGATE_TOKEN");
      }
      if (login.token() == null) {
        throw new CliException(
            ExitCodes.AUTH,
            "No token: run `tollgate login " + login.url() + "` or set TOLLGATE_TOKEN");
      }
      api = client(login.url(), login.token());
    }
    return api;
  }

  ApiClient client(String url, String token) {
    return new ApiClient(ApiClient.baseUri(url), token, json, timeout());
  }

  /** Per request; TOLLGATE_TIMEOUT in seconds, default 30. */
  Duration timeout() {
    String s = env.get("TOLLGATE_TIMEOUT");
    try {
      long seconds = s == null || s.isBlank() ? 30 : Long.parseLong(s.strip());
      if (seconds < 1) throw new NumberFormatException(s);
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new CliException(ExitCodes.USAGE, "TOLLGATE_TIMEOUT must be a number of seconds: " + s);
    }
  }
}
