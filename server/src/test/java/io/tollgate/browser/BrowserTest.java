package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Base of the browser tests: the whole server on a random port (as every {@link IntegrationTest}),
 * driven by a real headless Chromium through Selenium. One browser is shared by the tests of a
 * class (signed out and its cookies cleared after each test, quit after the class); a test that
 * needs a second browser opens it with {@link #newBrowser()}, and it is quit after that test.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian packages {@code
 * chromium} and {@code chromium-driver}). Without them the tests are skipped, unless {@code
 * TOLLGATE_REQUIRE_BROWSER=true}, in which case they fail.
 */
@Tag("browser")
public abstract class BrowserTest extends IntegrationTest {
  protected static final String PASSWORD = "correct horse battery staple";
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private static Browser shared;
  private final List<Browser> extra = new ArrayList<>();

  private record Browser(WebDriver driver, Path profile) {
    void quit() {
      try {
        driver.quit();
      } finally {
        deleteTree(profile);
      }
    }
  }

  /** On a failure, keeps what each open browser showed: target/screenshots/failures/. */
  @RegisterExtension
  final TestExecutionExceptionHandler keepEvidence =
      (context, failure) -> {
        List<WebDriver> open = new ArrayList<>();
        if (shared != null) open.add(shared.driver());
        extra.forEach(b -> open.add(b.driver()));
        for (int i = 0; i < open.size(); i++) {
          String name =
              "failures/"
                  + context.getRequiredTestClass().getSimpleName()
                  + "-"
                  + context.getRequiredTestMethod().getName()
                  + "-"
                  + i;
          try {
            screenshot(open.get(i), name);
            Files.writeString(
                screenshotDir().resolve(name + ".html"),
                open.get(i).getCurrentUrl() + "\n" + open.get(i).getPageSource());
          } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
          }
        }
        throw failure;
      };

  @BeforeAll
  static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equalsIgnoreCase(System.getenv("TOLLGATE_REQUIRE_BROWSER"))) {
      Assertions.fail(
          "The browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (Debian packages chromium and chromium-driver), and TOLLGATE_REQUIRE_BROWSER=true"
              + " says they must run: install them with"
              + " 'apt-get install chromium chromium-driver'.");
    }
    Assumptions.assumeTrue(
        present,
        "Skipping the browser tests: "
            + CHROMIUM
            + " or "
            + CHROMEDRIVER
            + " is missing (set TOLLGATE_REQUIRE_BROWSER=true to fail instead).");
    // Selenium warns that it has no DevTools bindings for this Chromium version: we use none.
    SELENIUM_LOG.setLevel(Level.SEVERE);
  }

  @AfterEach
  void closeBrowsers() {
    for (Browser b : extra) {
      try {
        b.quit();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
    extra.clear();
    if (shared != null) {
      try {
        // The next test starts signed out: drop the session cookie and close any live stream.
        shared.driver().get(url("/login"));
        shared.driver().manage().deleteAllCookies();
        shared.driver().get("about:blank");
      } catch (RuntimeException broken) {
        // an alert left open or a crashed browser: start a fresh one for the next test
        quitShared();
      }
    }
  }

  @AfterAll
  static void quitShared() {
    if (shared != null) {
      try {
        shared.quit();
      } catch (RuntimeException ignored) {
        // already gone
      } finally {
        shared = null;
      }
    }
  }

  // ------------------------------------------------------------------ browsers

  /** The browser shared by the tests of this class, started when first needed. */
  protected WebDriver browser() {
    if (shared == null) shared = start();
    return shared.driver();
  }

  /** Another browser (its own profile and cookies), quit after the test. */
  protected WebDriver newBrowser() {
    Browser b = start();
    extra.add(b);
    return b.driver();
  }

  private static Browser start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("tollgate-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + profile);
    // Leave confirm dialogs open for the test to accept (data-confirm buttons).
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, profile);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  // ------------------------------------------------------------------ people

  /** A fresh product with one person per role, each able to sign in with {@link #PASSWORD}. */
  protected Team teamWithPasswords() {
    Team team = team();
    for (String username : team.usernames.values()) {
      Api.Response r =
          admin.put("/api/v1/users/" + username + "/password", Map.of("password", PASSWORD));
      assertThat(r.status()).as(r.toString()).isBetween(200, 204);
    }
    return team;
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  protected void signIn(WebDriver driver, String username, String password) {
    driver.get(url("/login"));
    WebElement user =
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("username")));
    user.clear();
    user.sendKeys(username);
    WebElement pw = driver.findElement(By.id("password"));
    pw.clear();
    pw.sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(driver).until(d -> !d.getCurrentUrl().contains("/login"));
    assertThat(driver.getCurrentUrl()).as("signed in as " + username).doesNotContain("/login");
  }

  protected void signIn(WebDriver driver, Team team, String role) {
    signIn(driver, team.usernames.get(role), PASSWORD);
  }

  protected void signOut(WebDriver driver) {
    WebElement button =
        waitFor(driver)
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("header form[action='/logout'] button")));
    button.click();
    waitFor(driver).until(ExpectedConditions.urlContains("/login?signedOut"));
  }

  // ------------------------------------------------------------------ waiting

  protected WebDriverWait waitFor(WebDriver driver) {
    return waitFor(driver, TIMEOUT);
  }

  protected WebDriverWait waitFor(WebDriver driver, Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Waits until one of the elements found contains the text; a refusal shown meanwhile fails at
   * once.
   */
  protected void awaitText(WebDriver driver, By by, String text) {
    awaitText(driver, by, text, TIMEOUT);
  }

  protected void awaitText(WebDriver driver, By by, String text, Duration timeout) {
    waitFor(driver, timeout)
        .withMessage(() -> by + " to contain '" + text + "'")
        .until(
            d -> {
              failOnRefusal(d);
              for (WebElement e : d.findElements(by)) {
                if (e.getText().contains(text)) return true;
              }
              return false;
            });
  }

  protected WebElement await(WebDriver driver, By by) {
    return waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Fails with the refusal's text when the page shows one the test did not expect. */
  protected static void failOnRefusal(WebDriver driver) {
    for (WebElement refusal : driver.findElements(By.cssSelector(".refusal"))) {
      if (refusal.isDisplayed()) {
        throw new AssertionError("Unexpected refusal on the page: " + refusal.getText());
      }
    }
  }

  // ------------------------------------------------------------------ release page

  protected void openRelease(WebDriver driver, String id) {
    driver.get(url("/releases/" + id));
    await(driver, By.id("release-main"));
  }

  protected static By status() {
    return By.cssSelector("[data-testid=release-status]");
  }

  protected static By form(String action) {
    return By.cssSelector("form[data-action='" + action + "']");
  }

  protected static By stepBadge(String key) {
    return By.cssSelector("li[data-step='" + key + "'] .step-head .badge");
  }

  protected static By requirementBadge(String key) {
    return By.cssSelector("li[data-requirement='" + key + "'] .step-head .badge");
  }

  protected static By handoffBadge(String key) {
    return By.cssSelector("li[data-handoff='" + key + "'] > .badge");
  }

  /**
   * Fills the form marked {@code data-action=action} and clicks its first submit button (or the
   * button matching {@code buttonCss}). Live updates may swap the form out while it is being
   * filled; then it is found and filled again.
   */
  protected void submit(WebDriver driver, String action, Map<String, String> fields) {
    submit(driver, action, fields, "button[type=submit]");
  }

  protected void submit(
      WebDriver driver, String action, Map<String, String> fields, String buttonCss) {
    waitFor(driver)
        .ignoring(ElementClickInterceptedException.class)
        .ignoring(ElementNotInteractableException.class)
        .withMessage(() -> "form[data-action='" + action + "'] to fill and submit")
        .until(
            d -> {
              WebElement f = d.findElement(form(action));
              for (var field : fields.entrySet()) {
                WebElement input = f.findElement(By.name(field.getKey()));
                if (input.getTagName().equals("select")) {
                  new Select(input).selectByValue(field.getValue());
                } else {
                  input.clear();
                  input.sendKeys(field.getValue());
                }
              }
              WebElement button = f.findElement(By.cssSelector(buttonCss));
              js(d).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
              button.click();
              return true;
            });
  }

  /** Submits a form on the release page and waits until the element shows the expected text. */
  protected void act(
      WebDriver driver, String action, Map<String, String> fields, By expect, String text) {
    submit(driver, action, fields);
    awaitText(driver, expect, text);
  }

  protected void completeStep(WebDriver driver, String key, Map<String, String> fields) {
    act(driver, "complete:" + key, fields, stepBadge(key), "done");
  }

  protected void acknowledge(WebDriver driver, String key) {
    act(driver, "acknowledge:" + key, Map.of(), handoffBadge(key), "acknowledged");
  }

  /** The forms on the page whose data-action is one of the release's actions. */
  protected List<String> releaseActions(WebDriver driver) {
    return waitFor(driver)
        .until(
            d -> {
              List<String> actions = new ArrayList<>();
              for (WebElement f : d.findElements(By.cssSelector("form[data-action]"))) {
                String a = f.getDomAttribute("data-action");
                if (a.startsWith("meet:")
                    || a.startsWith("complete:")
                    || a.startsWith("skip:")
                    || a.startsWith("acknowledge:")
                    || a.equals("decide")
                    || a.equals("cancel")) {
                  actions.add(a);
                }
              }
              return actions;
            });
  }

  /** The element's text, found again if a live update replaces it while it is read. */
  protected String text(WebDriver driver, By by) {
    return waitFor(driver).until(d -> d.findElement(by).getText());
  }

  /** Clicks the element, found again if a live update replaces it first. */
  protected void click(WebDriver driver, By by) {
    waitFor(driver)
        .ignoring(ElementClickInterceptedException.class)
        .until(
            d -> {
              WebElement e = d.findElement(by);
              js(d).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
              e.click();
              return true;
            });
  }

  protected static JavascriptExecutor js(WebDriver driver) {
    return (JavascriptExecutor) driver;
  }

  protected static Map<String, String> fields(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
    return m;
  }

  // ------------------------------------------------------------------ API checks

  protected static JsonNode find(JsonNode items, String key) {
    for (JsonNode n : items) {
      if (key.equals(n.path("key").asString())) return n;
    }
    throw new AssertionError("no '" + key + "' in " + items);
  }

  protected static String stepStatus(Api api, String releaseId, String key) {
    Api.Response r = api.get("/api/v1/releases/" + releaseId);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return find(r.json().path("steps"), key).path("status").asString();
  }

  protected static String releaseStatus(Api api, String releaseId) {
    Api.Response r = api.get("/api/v1/releases/" + releaseId);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.text("status");
  }

  // ------------------------------------------------------------------ screenshots

  /** Saves a screenshot of the whole window as {@code target/screenshots/<name>.png}. */
  protected static Path screenshot(WebDriver driver, String name) {
    return save(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE), name);
  }

  /**
   * Saves a screenshot of one whole element as {@code target/screenshots/<name>.png}; the window
   * grows for a moment if the element is taller than it. A live update may replace the element
   * meanwhile: then it is found again.
   */
  protected Path screenshot(WebDriver driver, By element, String name) {
    Dimension before = driver.manage().window().getSize();
    try {
      return waitFor(driver)
          .until(
              d -> {
                WebElement e = d.findElement(element);
                int needed = e.getRect().getHeight() + 300;
                if (needed > d.manage().window().getSize().getHeight()) {
                  d.manage().window().setSize(new Dimension(before.getWidth(), needed));
                }
                js(d).executeScript("arguments[0].scrollIntoView({block: 'start'});", e);
                return save(e.getScreenshotAs(OutputType.FILE), name);
              });
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  private static Path save(File file, String name) {
    try {
      Path target = screenshotDir().resolve(name + ".png");
      Files.createDirectories(target.getParent());
      Files.write(target, Files.readAllBytes(file.toPath()));
      Files.deleteIfExists(file.toPath());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path screenshotDir() {
    return Path.of(System.getProperty("basedir", "."), "target", "screenshots");
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary directory; the OS cleans up what is left
    }
  }
}
