package io.tollgate.changes;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/products/{key}/changelog}: the product's shipped releases, newest first. */
class ChangelogIntegrationTests extends IntegrationTest {

  @Test
  void shippedReleasesAreListedNewestFirstFromTheirCommitsOrNotes() {
    Team t = team();
    String first = ReleaseDriver.plan(t, "major"); // 1.0.0, notes only
    ReleaseDriver.release(t, first);
    String second = ReleaseDriver.plan(t, "minor"); // 1.1.0, with commits
    ok(
        t.developer.post(
            path(second) + "/changes",
            Map.of(
                "commits",
                List.of(
                    Map.of("sha", "ddddddd1", "message", "feat(cart): gift cards"),
                    Map.of("sha", "ddddddd2", "message", "fix: rounding"),
                    Map.of("sha", "ddddddd3", "message", "chore: bump deps")))));
    ReleaseDriver.release(t, second);
    ReleaseDriver.plan(t, "patch"); // under way: not in the changelog

    Api.Response r = t.support.get("/api/v1/products/" + t.product + "/changelog", "text/markdown");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/markdown");
    String md = r.body();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(md).startsWith("# Changelog");
    List<Changelog.Heading> headings = Changelog.read(md);
    assertThat(headings).extracting(Changelog.Heading::version).containsExactly("1.1.0", "1.0.0");
    assertThat(headings.get(0).date()).isEqualTo(today);
    assertThat(headings.get(0).types()).containsExactly("Added", "Fixed");
    assertThat(md)
        .contains("- cart: gift cards")
        .contains("- rounding")
        .doesNotContain("bump deps")
        .contains("- One-page checkout")
        .contains("[1.0.0]: /releases/" + first);
    assertThat(admin.as(null).get("/api/v1/products/" + t.product + "/changelog").status())
        .isEqualTo(401);
  }
}
