package io.tollgate.shared.web;

import io.tollgate.shared.Invalid;
import io.tollgate.shared.TollgateException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every error to RFC 9457 problem details; a client never sees a stack trace. */
// Global: it also answers errors raised before any controller is chosen (no route, wrong verb,
// wrong content type). Page controllers (@Page) get HTML from PageSupport, which comes first.
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(TollgateException.class)
  ResponseEntity<ProblemDetail> tollgate(TollgateException e, HttpServletRequest request) {
    ProblemDetail problem = Problems.of(e.status(), e.title(), e.getMessage());
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    if (!e.blockers().isEmpty()) {
      problem.setProperty("blockers", e.blockers());
    }
    if (e instanceof Invalid invalid && !invalid.errors().isEmpty()) {
      problem.setProperty("errors", invalid.errors());
    }
    if (e instanceof Invalid invalid && invalid.field() != null) {
      problem.setProperty("field", invalid.field());
    }
    if (e instanceof io.tollgate.shared.MissingScope missing) {
      problem.setProperty("missingScope", missing.missingScope());
    }
    return respond(problem);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return respond(
        Problems.of(
            400,
            "Bad request",
            "The parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'."));
  }

  @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> optimistic(Exception e) {
    return respond(
        Problems.of(
            409,
            "Conflict with the current state",
            "Someone else changed this at the same time; reload it and try again."));
  }

  @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> locked(Exception e) {
    log.info("A command lost a lock race: {}", e.getMessage());
    return respond(
        Problems.of(
            409,
            "Conflict with the current state",
            "Another change to the same release or incident was in progress; reload it and try again."));
  }

  @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> integrity(Exception e) {
    log.info("Refused a change that conflicts with stored data: {}", e.getMessage());
    return respond(
        Problems.of(
            409,
            "Conflict with the current state",
            "The change conflicts with existing data (a duplicate, or something changed at the same time);"
                + " reload and try again."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(
      Exception e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    java.util.Optional<DatabaseTrouble.Answer> trouble = DatabaseTrouble.of(e);
    if (trouble.isPresent()) return troubled(trouble.get(), e, request, response);
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof BodySizeLimitFilter.TooLarge tooLarge) {
        return respond(Problems.of(413, "Body too large", tooLarge.getMessage()));
      }
      if (cause instanceof org.apache.tomcat.util.http.InvalidParameterException
          || cause instanceof org.springframework.security.web.firewall.RequestRejectedException) {
        // a form body (or query) that is not text in its character set, or holds characters
        // Spring Security's firewall refuses in parameter names or values
        return respond(
            Problems.of(
                400,
                "Bad request",
                "The form data or query parameters could not be read: they are not UTF-8 text or"
                    + " hold characters that are not accepted. Send the body as JSON"
                    + " (application/json) in UTF-8."));
      }
      cause = cause.getCause();
    }
    if (e instanceof IllegalArgumentException && !concrete(request.getContentType())) {
      // Spring refuses to read a body whose Content-Type is a pattern (application/*) this way
      return respond(
          Problems.of(
              415,
              "Unsupported media type",
              "Content type '"
                  + request.getContentType()
                  + "' is not a single media type; send application/json."));
    }
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    if (!request.getRequestURI().startsWith("/api/") && !response.isCommitted()) {
      response.sendError(500); // the error page answers a browser
      return null;
    }
    return respond(
        Problems.of(
            500,
            "Internal error",
            // An error can come after the change was committed (while writing the answer), so the
            // answer does not claim either way.
            "Something went wrong on the server. The change may or may not have been saved:"
                + " reload to see the current state before trying again. The server log has the"
                + " details."));
  }

  /** The database failed, not the request: 503 with Retry-After, or 507 for a full disk. */
  private static ResponseEntity<ProblemDetail> troubled(
      DatabaseTrouble.Answer answer,
      Exception e,
      HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    log.warn(
        "{} {} answered {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        answer.status(),
        e.toString());
    if (answer.retryAfter() != null && !response.isCommitted()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, answer.retryAfter().toString());
    }
    if (!request.getRequestURI().startsWith("/api/") && !response.isCommitted()) {
      response.sendError(answer.status()); // the error page answers a browser
      return null;
    }
    ResponseEntity.BodyBuilder answered = ResponseEntity.status(answer.status());
    if (answer.retryAfter() != null) {
      answered.header(HttpHeaders.RETRY_AFTER, answer.retryAfter().toString());
    }
    return answered
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(answer.status(), answer.title(), answer.detail()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = ex;
    while (cause != null) {
      if (cause instanceof BodySizeLimitFilter.TooLarge tooLarge) {
        return generic(Problems.of(413, "Body too large", tooLarge.getMessage()));
      }
      cause = cause.getCause();
    }
    String detail =
        ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
            ? "The request needs a JSON body."
            : unreadable(ex);
    return generic(Problems.of(400, "Bad request", detail));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<MediaType> supported = ex.getSupportedMediaTypes();
    return generic(
        Problems.of(
            415,
            "Unsupported media type",
            "Content type '"
                + ex.getContentType()
                + "' is not accepted here; send "
                + (supported.isEmpty() ? "application/json" : supported.get(0).toString())
                + "."));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (request instanceof org.springframework.web.context.request.ServletWebRequest web
        && !web.getRequest().getRequestURI().startsWith("/api/")
        && web.getResponse() != null
        && !web.getResponse().isCommitted()) {
      // A person in a browser, not an API client: let the error pages answer.
      try {
        web.getResponse().sendError(statusCode.value());
        return null;
      } catch (java.io.IOException ignored) {
        // fall through to a problem document
      }
    }
    // Spring's own problems (404 no handler, 405, 406, missing parameter ...): keep the status,
    // give the same shape.
    ProblemDetail problem =
        body instanceof ProblemDetail pd
            ? pd
            : Problems.of(statusCode.value(), "Error", ex.getMessage());
    if (problem.getDetail() == null) {
      problem.setDetail(ex.getMessage());
    }
    problem.setType(
        java.net.URI.create("https://tollgate.dev/problems/" + Problems.slug(statusCode.value())));
    HttpHeaders h = new HttpHeaders();
    h.putAll(headers);
    h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, h, statusCode);
  }

  /**
   * Why a body could not be read, in words and without the server's class names: the field whose
   * value has the wrong type or format, or where the JSON is broken.
   */
  private static String unreadable(HttpMessageNotReadableException ex) {
    for (Throwable c = ex; c != null; c = c.getCause()) {
      if (c instanceof tools.jackson.databind.DatabindException d) {
        String field = field(d.getPath());
        return field.isEmpty()
            ? "The body does not have the shape this request takes (an object with its fields)."
            : "The field '" + field + "' has a value of the wrong type or format.";
      }
      if (c instanceof tools.jackson.core.JacksonException j) {
        String reason = j.getOriginalMessage();
        reason = reason == null ? "" : reason.lines().findFirst().orElse("");
        reason = reason.replaceAll("[a-z]+(\\.[a-zA-Z0-9_$]+){2,}", "a value");
        if (reason.length() > 300) reason = reason.substring(0, 300) + "…";
        return "The body is not valid JSON: " + reason;
      }
    }
    return "The body is not valid JSON for this request.";
  }

  private static String field(java.util.List<tools.jackson.core.JacksonException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (tools.jackson.core.JacksonException.Reference r : path) {
      if (r.getPropertyName() != null) {
        if (!out.isEmpty()) out.append('.');
        out.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** Whether a request's Content-Type (if any) names one media type, not a pattern. */
  private static boolean concrete(String contentType) {
    if (contentType == null) return true;
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<Object> generic(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
