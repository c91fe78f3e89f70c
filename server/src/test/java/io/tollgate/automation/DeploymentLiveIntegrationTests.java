package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.command;
import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import io.tollgate.support.WebSession;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployment panel follows the live channel: every new log line of a running deployment is
 * announced on the release's stream ({@code event: deployment}) while the deployment still runs,
 * and the panel fetched on that event shows it.
 */
class DeploymentLiveIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "live deployment password";

  @Test
  void eachLogLineReachesTheOpenReleasePageBeforeTheNextOneIsWritten() throws Exception {
    Team t = team();
    // three lines, two seconds apart: a page that shows one line without the next heard of it
    // within two seconds, through the stream (the panel's own timer is 5 s)
    configure(
        admin,
        t,
        "staging",
        command(List.of("sh", "-c", "echo one; sleep 2; echo two; sleep 2; echo three"), 30));
    String release = readyForStaging(t);
    String devops = t.usernames.get("devops");
    assertThat(
            admin
                .put("/api/v1/users/" + devops + "/password", Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    WebSession page = new WebSession(port);
    assertThat(page.signIn(devops, PASSWORD)).isTrue();
    String panel = "/releases/" + release + "/automation";
    assertThat(page.get(panel).body()).contains("sse:deployment");

    HttpResponse<InputStream> stream = page.stream("/live?release=" + release);
    assertThat(stream.statusCode()).isEqualTo(200);
    BufferedReader events =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    String d = start(t.devops, release, "deploy-staging");

    // on every deployment event, the panel as the page then fetches it
    List<String> seen =
        CompletableFuture.supplyAsync(
                () -> {
                  List<String> panels = new ArrayList<>();
                  try {
                    boolean deployment = false;
                    for (String line; (line = events.readLine()) != null; ) {
                      if (line.equals("event:deployment")) deployment = true;
                      else if (deployment && line.equals("data:deployment/" + d)) {
                        String body = page.get(panel).body();
                        panels.add(body);
                        if (body.contains("data-status=\"succeeded\"")) return panels;
                        deployment = false;
                      } else if (line.isEmpty()) deployment = false;
                    }
                    return panels;
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .get(30, TimeUnit.SECONDS);
    stream.body().close();

    assertThat(seen)
        .as("a panel with the first line and not yet the second")
        .anyMatch(p -> p.contains(">one</code>") && !p.contains(">two</code>"));
    assertThat(seen)
        .as("a panel with the second line and not yet the third")
        .anyMatch(p -> p.contains(">two</code>") && !p.contains(">three</code>"));
    assertThat(seen.get(seen.size() - 1))
        .contains(">three</code>")
        .contains("data-status=\"succeeded\"");
  }
}
