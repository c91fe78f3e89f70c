package io.tollgate.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A refused anonymous request whose body the server does not read ends its connection (see
 * EdgeValve); the answer must then say so ({@code Connection: close}), or a client that keeps
 * connections alive sends its next request into a closed connection and gets no answer.
 */
class AnonymousRefusalKeepAliveIntegrationTests extends IntegrationTest {

  @Test
  void aConnectionTheServerEndsIsAnnouncedOrStillServes() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(3_000);
      String body = "{\"type\":\"minor\"}";
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/products/x/releases HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String first = read(s.getInputStream());
      assertThat(first).startsWith("HTTP/1.1 401");
      if (first.toLowerCase().contains("\r\nconnection: close")) return;
      out.write(
          ("GET /api/v1/ping HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + ADMIN_TOKEN
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(read(s.getInputStream()))
          .as("the connection was kept alive (no 'Connection: close'), so it must answer")
          .startsWith("HTTP/1.1 200");
    }
  }

  private static String read(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    try {
      int n = in.read(buf);
      return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      return "";
    }
  }
}
