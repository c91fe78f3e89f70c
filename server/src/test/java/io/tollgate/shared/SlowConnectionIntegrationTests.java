package io.tollgate.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, finding 5: connections that send a request's headers and then go silent do not hold
 * request threads. Four threads here, and twice as many silent connections.
 */
// a context of its own, kept in the test context cache beside the others on the same database: it
// runs no automation jobs, which are the main context's (see TwoNodesIntegrationTests)
@TestPropertySource(
    properties = {"server.tomcat.threads.max=4", "tollgate.automation.run-jobs=false"})
class SlowConnectionIntegrationTests extends IntegrationTest {

  @Test
  void silentBodiesDoNotHoldRequestThreads() throws Exception {
    List<Socket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(3_000);
        s.getOutputStream()
            .write(
                ("POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        silent.add(s);
      }
      // each is answered (401: no token) at once, not when its body would time out
      for (Socket s : silent) {
        String status =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(status).startsWith("HTTP/1.1 401");
      }
      // and a legitimate request is answered promptly while they are still open
      long start = System.nanoTime();
      try (Socket legit = new Socket("127.0.0.1", port)) {
        legit.setSoTimeout(3_000);
        legit
            .getOutputStream()
            .write(
                ("GET /api/v1/products HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + ADMIN_TOKEN
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        String status =
            new BufferedReader(
                    new InputStreamReader(legit.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(status).startsWith("HTTP/1.1 200");
      }
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    } finally {
      for (Socket s : silent) s.close();
    }
  }
}
