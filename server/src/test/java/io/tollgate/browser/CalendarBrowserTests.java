package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.Team;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/**
 * The release manager opens the calendar from the main navigation, sees two colliding windows
 * marked in words, moves by the keyboard to the next month and back, looks at the week, and gets a
 * feed URL that a calendar app can read.
 */
class CalendarBrowserTests extends BrowserTest {

  @Test
  void theMonthShowsConflictsInWordsAndTheLinksMoveByKeyboard() {
    Team t = teamWithPasswords();
    Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    String a =
        io.tollgate.support.ReleaseDriver.plan(
            t, today.plus(9, ChronoUnit.HOURS), today.plus(11, ChronoUnit.HOURS));
    String b =
        io.tollgate.support.ReleaseDriver.plan(
            t, today.plus(10, ChronoUnit.HOURS), today.plus(12, ChronoUnit.HOURS));
    String versionB = t.rm.get("/api/v1/releases/" + b).text("version");

    WebDriver driver = browser();
    signIn(driver, t, "release-manager");
    click(driver, By.cssSelector("nav[aria-label='Main'] a[href='/calendar']"));
    By calendar = By.cssSelector("[data-testid='calendar']");
    await(driver, calendar);
    String itemOfA = "td[aria-current='date'] li[data-release='" + a + "']";
    By itemA = By.cssSelector(itemOfA);
    assertThat(text(driver, itemA)).contains("○ planned", "09:00–11:00");
    assertThat(text(driver, By.cssSelector(itemOfA + " [data-testid='conflict']")))
        .isEqualTo("⚠ conflicts with Product " + t.product.substring(2) + " " + versionB);
    assertThat(text(driver, calendar)).contains("⚠ 2 in conflict");
    screenshot(driver, calendar, "calendar-month");

    // plain links, in the tab order: Enter on "Next month →", then "Today" again
    String month = text(driver, By.id("calendar-title"));
    driver.findElement(By.cssSelector("a[data-nav='Next month →']")).sendKeys(Keys.ENTER);
    waitFor(driver).until(d -> !d.findElement(By.id("calendar-title")).getText().equals(month));
    assertThat(driver.findElements(By.cssSelector("li[data-release='" + a + "']"))).isEmpty();
    driver.findElement(By.cssSelector("a[data-nav='Today']")).sendKeys(Keys.ENTER);
    awaitText(driver, By.id("calendar-title"), month);

    click(driver, By.linkText("Week"));
    awaitText(driver, By.id("calendar-title"), "Week of");
    assertThat(text(driver, itemA)).contains("conflicts with");
    screenshot(driver, calendar, "calendar-week");

    click(driver, By.cssSelector("form[data-action='new-feed'] button"));
    String url = text(driver, By.cssSelector("[data-testid='feed-url']"));
    assertThat(url).contains("/api/v1/calendar.ics?token=tgcal_");
    Api.Response feed = admin.as(null).get(url.substring(url.indexOf("/api/v1/")));
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.body()).contains("UID:" + a + "@tollgate");
    screenshot(driver, By.id("feed"), "calendar-feed");
  }
}
