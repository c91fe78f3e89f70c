package io.tollgate.ui;

import static io.tollgate.support.ReleaseDriver.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.product.Product;
import io.tollgate.product.ProductManagement;
import io.tollgate.release.UnderWayReleases;
import io.tollgate.shared.Actor;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import io.tollgate.support.WebPage;
import io.tollgate.support.WebSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13: the board reads one page of the releases under way (50 rows) and a bounded strip, so
 * its cost follows what it shows, not how many releases there are; what needs attention is found in
 * the database, not only among the rows shown.
 */
class BoardPagingIntegrationTests extends IntegrationTest {
  @Autowired UnderWayReleases underWay;
  @Autowired ProductManagement products;
  private static final Pattern ROW = Pattern.compile("<tr data-release=\"([^\"]+)\"");
  private static final int RELEASES = 53;

  @Test
  void theBoardPagesThroughTheReleasesUnderWayAndTheStripLooksBeyondThePage() {
    Team t = team();
    List<String> planned = new ArrayList<>();
    for (int i = 0; i < RELEASES; i++) planned.add(ReleaseDriver.plan(t, "patch"));
    // the oldest release (the last page) fails in production: the strip shows it on the first
    String oldest = planned.get(0);
    ReleaseDriver.prepare(t, oldest);
    ReleaseDriver.go(t, oldest);
    ok(
        t.devops.post(
            ReleaseDriver.path(oldest) + "/steps/deploy-production/complete",
            Map.of("outcome", "failed")));
    WebSession rm = browserSignedIn(t.usernames.get("release-manager"), "board paging password");

    WebPage first = rm.get("/?product=" + t.product);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).contains("data-testid=\"board-total\">(" + RELEASES + ")");
    List<String> firstRows = rows(first);
    assertThat(firstRows).hasSize(50).doesNotContain(oldest);
    assertThat(firstRows.get(0)).as("newest first").isEqualTo(planned.get(RELEASES - 1));
    assertThat(first.element("nav", "data-testid=\"board-pager\""))
        .contains("Page 1 of 2")
        .contains("href=\"/?product=" + t.product + "&amp;page=1\"")
        .doesNotContain("Newer");
    assertThat(first.element("div", "data-attention=\"failed\""))
        .as("a failure on the second page needs attention on the first")
        .contains("/releases/" + oldest);

    WebPage second = rm.get("/?product=" + t.product + "&page=1");
    List<String> secondRows = rows(second);
    assertThat(secondRows).hasSize(RELEASES - 50).contains(oldest);
    Set<String> all = new HashSet<>(firstRows);
    all.addAll(secondRows);
    assertThat(all).containsExactlyInAnyOrderElementsOf(planned);
    assertThat(second.element("nav", "data-testid=\"board-pager\""))
        .contains("Page 2 of 2")
        .contains("Newer");
    assertThat(rows(rm.get("/board/live?product=" + t.product + "&page=1")))
        .as("the live part keeps the page")
        .isEqualTo(secondRows);
    assertThat(rows(rm.get("/?product=" + t.product + "&page=not-a-number")))
        .as("a page that is not a number shows the first")
        .isEqualTo(firstRows);
  }

  @Test
  void waitingOnMeIsBoundedAndSaysHowManyMoreThereAre() {
    Team t = team();
    for (int i = 0; i < 13; i++) ReleaseDriver.plan(t, "patch");
    WebSession rm = browserSignedIn(t.usernames.get("release-manager"), "board paging password");
    WebPage board = rm.get("/?product=" + t.product);
    Matcher mine = Pattern.compile("data-attention=\"mine\"").matcher(board.body());
    int items = 0;
    while (mine.find()) items++;
    assertThat(items).as("ten releases and one line for the rest").isEqualTo(11);
    assertThat(board.body()).contains("3 more releases waiting on your roles");

    WebSession developer = browserSignedIn(t.usernames.get("developer"), "board paging password");
    WebPage nothing = developer.get("/?product=" + t.product + "&mine=true");
    assertThat(rows(nothing)).as("nothing of a planned release waits on a developer").isEmpty();
    assertThat(nothing.body()).contains("data-testid=\"board-total\">(0)");
  }

  @Test
  void theTotalCountsOnlySoFarBeyondThePageAndThenSaysAtLeast() {
    Team t = team();
    for (int i = 0; i < 13; i++) ReleaseDriver.plan(t, "patch");
    Actor rm = new Actor(t.usernames.get("release-manager"), false);
    List<Product> product = List.of(products.find(t.product));

    UnderWayReleases.Page exact = underWay.page(rm, product, null, false, 0, 5, 8);
    assertThat(exact.total()).as("13 is within 5 + 8").isEqualTo(13);
    assertThat(exact.atLeast()).isFalse();
    assertThat(exact.pages()).isEqualTo(3);

    UnderWayReleases.Page capped = underWay.page(rm, product, null, false, 0, 5, 2);
    assertThat(capped.total()).as("counted up to the page and 2 more").isEqualTo(7);
    assertThat(capped.atLeast()).isTrue();
    assertThat(capped.releases()).hasSize(5);

    UnderWayReleases.Page later = underWay.page(rm, product, null, false, 1, 5, 2);
    assertThat(later.total()).as("a later page counts further").isEqualTo(12);
    assertThat(later.atLeast()).isTrue();
    assertThat(underWay.page(rm, product, null, false, 2, 5, 2).atLeast())
        .as("the last page sees the end")
        .isFalse();
  }

  private static List<String> rows(WebPage page) {
    List<String> ids = new ArrayList<>();
    Matcher m = ROW.matcher(page.body());
    while (m.find()) ids.add(m.group(1));
    return ids;
  }
}
