package io.tollgate.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebSession;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 12, finding 9: a live stream tells a person only about products they belong to. */
class LiveAuthorizationIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "live test password";

  private WebSession signIn(String username) {
    assertThat(
            admin
                .put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(username, PASSWORD)).isTrue();
    return browser;
  }

  @Test
  void anotherProductsReleaseStreamIsRefused() {
    Team theirs = team();
    Team mine = team();
    String release = ReleaseDriver.plan(theirs, "minor");
    WebSession outsider = signIn(mine.usernames.get("developer"));
    HttpResponse<InputStream> stream = outsider.stream("/live?release=" + release);
    assertThat(stream.statusCode()).isIn(403, 404);
  }

  @Test
  void theBoardStreamCarriesOnlyThePersonsProductsAndNoSequence() throws Exception {
    Team theirs = team();
    Team mine = team();
    WebSession me = signIn(mine.usernames.get("developer"));
    HttpResponse<InputStream> stream = me.stream("/live?board=true");
    assertThat(stream.statusCode()).isEqualTo(200);
    BufferedReader events =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    String hidden = ReleaseDriver.plan(theirs, "minor"); // comes first in the log
    String visible = ReleaseDriver.plan(mine, "minor");
    // events of the person's product from before (making the team) may still arrive first
    java.util.List<String> seen =
        CompletableFuture.supplyAsync(
                () -> {
                  java.util.List<String> data = new java.util.ArrayList<>();
                  try {
                    boolean board = false;
                    for (String line; (line = events.readLine()) != null; ) {
                      if (line.equals("event:board")) board = true;
                      else if (board && line.startsWith("data:")) {
                        data.add(line.substring(5));
                        if (line.startsWith("data:release/")) return data;
                        board = false;
                      }
                    }
                    return data;
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(seen).last().isEqualTo("release/" + visible);
    assertThat(seen)
        .allSatisfy(d -> assertThat(d).doesNotContain(hidden).doesNotContain(theirs.product))
        .allSatisfy(d -> assertThat(d).doesNotMatch("\\d+")); // no sequence number
    stream.body().close();
  }
}
