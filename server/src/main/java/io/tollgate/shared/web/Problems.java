package io.tollgate.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem details, and writes them where no controller advice reaches. */
public final class Problems {
  public static final String MEDIA_TYPE = "application/problem+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  public static ProblemDetail of(int status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
    problem.setTitle(title);
    problem.setType(URI.create("https://tollgate.dev/problems/" + slug(status)));
    return problem;
  }

  /** Writes a problem straight to the response: for filters and security entry points. */
  public static void write(
      HttpServletResponse response, int status, String title, String detail, String instance)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", "https://tollgate.dev/problems/" + slug(status));
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }

  static String slug(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 412 -> "precondition-failed";
      case 413 -> "body-too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "invalid";
      case 503 -> "unavailable";
      case 507 -> "insufficient-storage";
      default -> "error";
    };
  }
}
