package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The release page's audit timeline reads as sentences, with the raw payload one click away. */
class AuditTimelinePageIntegrationTests extends IntegrationTest {
  private static final String PASSWORD = "correct horse battery";

  @Test
  void theReleasePageTellsWhatHappenedInSentences() {
    Team t = team();
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.prepare(t, id);
    String rm = t.usernames.get("release-manager");

    WebPage page = signIn(rm).get("/releases/" + id);

    assertThat(page.status()).isEqualTo(200);
    String timeline = page.element("section", "id=\"audit\"");
    assertThat(timeline)
        .contains(
            rm
                + " completed &#39;Deployment window scheduled and stakeholders notified&#39;"
                + " — Tuesday 10:00")
        .contains(rm + " planned the minor release")
        .contains("<details>")
        .contains("&quot;note&quot; : &quot;Tuesday 10:00&quot;");
    // newest first
    assertThat(timeline.indexOf("Deployment window scheduled"))
        .isLessThan(timeline.indexOf("planned the minor release"));
  }

  private WebSession signIn(String username) {
    assertThat(
            admin
                .put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD))
                .status())
        .isEqualTo(204);
    WebSession browser = new WebSession(port);
    assertThat(browser.signIn(username, PASSWORD)).as("sign in as " + username).isTrue();
    return browser;
  }
}
