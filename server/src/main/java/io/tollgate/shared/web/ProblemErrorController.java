package io.tollgate.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

/**
 * The {@code /error} page the servlet container forwards to for errors no controller answered (a
 * request the firewall rejected, an exception in a filter, ...): problem details for the API and
 * for every client that does not ask for HTML, the HTML error page for browsers elsewhere. The
 * detail is chosen by status, never the exception's message, so no internal name leaks.
 */
@Controller
class ProblemErrorController extends BasicErrorController {

  private final ErrorAttributes attributes;

  ProblemErrorController(
      ErrorAttributes attributes,
      org.springframework.beans.factory.ObjectProvider<ErrorViewResolver> resolvers) {
    super(attributes, new ErrorProperties(), resolvers.orderedStream().toList());
    this.attributes = attributes;
  }

  /**
   * An exception in a filter whose answer is known: the database's trouble (a token looked up while
   * the database is down) as {@link DatabaseTrouble} words it, with its status and Retry-After; a
   * body that grew past the limit while a filter read it (a chunked form body on PUT), 413.
   */
  private java.util.Optional<DatabaseTrouble.Answer> trouble(
      HttpServletRequest request, HttpServletResponse response) {
    Throwable error =
        attributes.getError(new org.springframework.web.context.request.ServletWebRequest(request));
    if (error == null
        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
      error = t;
    }
    Throwable failure = error;
    java.util.Optional<DatabaseTrouble.Answer> answer =
        DatabaseTrouble.of(failure).or(() -> tooLarge(failure));
    answer.ifPresent(
        a -> {
          request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, a.status());
          if (response != null && !response.isCommitted()) {
            response.setStatus(a.status());
            if (a.retryAfter() != null) {
              response.setHeader("Retry-After", a.retryAfter().toString());
            }
          }
        });
    return answer;
  }

  private static java.util.Optional<DatabaseTrouble.Answer> tooLarge(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof BodySizeLimitFilter.TooLarge tooLarge) {
        return java.util.Optional.of(
            new DatabaseTrouble.Answer(413, "Body too large", tooLarge.getMessage(), null));
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    java.util.Optional<DatabaseTrouble.Answer> trouble = trouble(request, response);
    if (uri instanceof String s && (s.startsWith("/api/") || s.equals("/api"))) {
      try {
        if (trouble.isPresent()) {
          DatabaseTrouble.Answer a = trouble.get();
          Problems.write(response, a.status(), a.title(), a.detail(), s);
          return null;
        }
        Problems.write(
            response, status(request), title(status(request)), detail(status(request)), s);
      } catch (java.io.IOException ignored) {
        // the client is gone
      }
      return null;
    }
    return super.errorHtml(request, response);
  }

  @Override
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    java.util.Optional<DatabaseTrouble.Answer> trouble = trouble(request, null);
    int status = status(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://tollgate.dev/problems/" + Problems.slug(status));
    body.put("title", trouble.map(DatabaseTrouble.Answer::title).orElse(title(status)));
    body.put("status", status);
    body.put("detail", trouble.map(DatabaseTrouble.Answer::detail).orElse(detail(status)));
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      body.put("instance", uri);
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    trouble
        .map(DatabaseTrouble.Answer::retryAfter)
        .ifPresent(seconds -> answer.header("Retry-After", seconds.toString()));
    return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  private static int status(HttpServletRequest request) {
    return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
        ? code
        : 500;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthenticated";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Body too large";
      case 503 -> "Service unavailable";
      case 507 -> "Insufficient storage";
      default -> status >= 500 ? "Internal error" : "Error";
    };
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 ->
          "The request is malformed. An encoded '/' (%2F), '\\' (%5C), NUL (%00), ';' or '..' is"
              + " not accepted in a path.";
      case 401 -> "This call needs 'Authorization: Bearer <token>'.";
      case 403 -> "You may not do this.";
      case 404 -> "There is nothing at this address; see /v3/api-docs for the API.";
      case 405 -> "This address does not take this method.";
      case 413 -> "The request body is larger than the server accepts.";
      default ->
          status >= 500
              ? "Something went wrong on the server. The change may or may not have been saved:"
                  + " reload to see the current state. The server log has the details."
              : "The request could not be handled.";
    };
  }
}
