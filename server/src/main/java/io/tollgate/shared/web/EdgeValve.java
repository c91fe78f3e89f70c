package io.tollgate.shared.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's first valve, in front of everything else.
 *
 * <ul>
 *   <li>An error Tomcat found before any application code runs (an encoded '/' or a NUL in the
 *       path, a malformed request line) is answered with problem details instead of Tomcat's HTML
 *       page.
 *   <li>An error answer to an anonymous request (no token, no session) whose body was not read (401
 *       before the body, 413, ...) closes the connection instead of reading ("swallowing") the rest
 *       of the body: an anonymous client that sends headers and then goes silent would otherwise
 *       hold a request thread until the read times out. A client that says who it is keeps Tomcat's
 *       swallowing, so it reads its answer even while still sending a large body (closing a
 *       connection the client still writes to resets it, and the answer is lost).
 * </ul>
 */
public class EdgeValve extends ValveBase {

  public EdgeValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    if (response.isError() && response.getStatus() >= 400 && !response.isCommitted()) {
      reportEarlyError(request, response);
      return;
    }
    getNext().invoke(request, response);
    if (response.getStatus() >= 400
        && declaresBody(request)
        && anonymous(request)
        && !request.isAsync()
        && !request.getCoyoteRequest().isFinished()) {
      // Say so: a client keeping the connection alive would send its next request into it.
      if (!response.isCommitted()) response.setHeader("Connection", "close");
      request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }
  }

  private static boolean anonymous(Request request) {
    return request.getHeader("Authorization") == null && request.getRequestedSessionId() == null;
  }

  private static boolean declaresBody(Request request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static void reportEarlyError(Request request, Response response) throws IOException {
    int status = response.getStatus();
    String detail =
        status == 400
            ? "The request's address or headers are malformed. An encoded '/' (%2F), an encoded"
                + " NUL (%00) or a '..' segment is not accepted in a path."
            : "The request could not be handled (" + status + ").";
    String body =
        "{\"type\":\"https://tollgate.dev/problems/"
            + Problems.slug(status)
            + "\",\"title\":\""
            + (status == 400 ? "Bad request" : "Error")
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}";
    response.setSuspended(false);
    response.resetBuffer();
    response.setContentType(Problems.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setErrorReported();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.finishResponse();
  }
}
