package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on against a real OpenID Connect provider running in the test (Spring Authorization
 * Server): the authorization-code flow driven as a browser would, through the provider's own login
 * form; the person lands signed in, their account made from the provider's claims and their roles
 * following their groups.
 */
class OidcSignInIntegrationTests extends IntegrationTest {
  static final String PRODUCT = "oidc-shop";
  private static OidcTestProvider provider;

  @DynamicPropertySource
  static void singleSignOn(DynamicPropertyRegistry registry) {
    provider = OidcTestProvider.start();
    // a context of its own on the same database: the automation jobs are the main context's
    registry.add("tollgate.automation.run-jobs", () -> "false");
    registry.add("TOLLGATE_OIDC_ISSUER", provider::issuer);
    registry.add("TOLLGATE_OIDC_CLIENT_ID", () -> OidcTestProvider.CLIENT_ID);
    registry.add("TOLLGATE_OIDC_CLIENT_SECRET", () -> OidcTestProvider.CLIENT_SECRET);
    registry.add(
        "TOLLGATE_OIDC_ROLE_MAPPING",
        () ->
            "shop-qa:"
                + PRODUCT
                + "/qa-lead,shop-ops:"
                + PRODUCT
                + "/devops,shop-dev:"
                + PRODUCT
                + "/developer,shop-ops:no-such-product/devops");
  }

  @AfterAll
  static void stopProvider() {
    if (provider != null) provider.close();
  }

  @BeforeEach
  void registerTollgate() {
    provider.registerClient(port);
    if (admin.get("/api/v1/products/" + PRODUCT).status() == 404) {
      Api.Response made =
          admin.post("/api/v1/products", Map.of("key", PRODUCT, "name", "Shop signed in by SSO"));
      assertThat(made.status()).as(made.toString()).isEqualTo(201);
    }
  }

  @Test
  void aPersonSignsInThroughTheProviderAndHoldsTheRolesTheirGroupsMapTo() {
    AuditTrail audit = AuditTrail.mark(admin);
    Browser browser = new Browser();
    HttpResponse<String> login = browser.get("http://127.0.0.1:" + port + "/login");
    assertThat(login.body()).contains("href=\"/oauth2/authorization/oidc\"");

    HttpResponse<String> landed = browser.signInThroughProvider(port, "olga");
    assertThat(landed.statusCode()).isEqualTo(200);
    assertThat(landed.uri().getPath()).isEqualTo("/");
    assertThat(landed.body()).contains("data-testid=\"board\"").contains("olga");

    JsonNode user = admin.get("/api/v1/users/olga").json();
    assertThat(user.path("displayName").asString()).isEqualTo("Olga Provider");
    assertThat(user.path("email").asString()).isEqualTo("olga@idp.example");
    assertThat(user.path("admin").asBoolean()).isFalse();
    assertThat(rolesOn(PRODUCT, "olga")).containsExactlyInAnyOrder("qa-lead", "devops");
    assertThat(browser.get("http://127.0.0.1:" + port + "/products/" + PRODUCT).statusCode())
        .as("a member now")
        .isEqualTo(200);
    assertThat(audit.types("product/" + PRODUCT)).contains("membership.changed");
    assertThat(
            audit.since("product/" + PRODUCT).stream()
                .filter(e -> e.path("details").asString().contains("\"olga\""))
                .toList())
        .as("the mapping acts as the integration oidc, not as a person or an admin")
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.path("actor").asString()).isEqualTo("oidc");
              assertThat(e.path("actorKind").asString()).isEqualTo("integration");
            });
    assertThat(audit.types("user/olga")).contains("signin.succeeded");
    assertThat(audit.since("user/olga").stream().map(e -> e.path("details").asString()))
        .anySatisfy(d -> assertThat(d).contains("\"method\":\"oidc\""));
  }

  @Test
  void localAccountsStillSignInWithTheirPasswords() {
    String qa = team().usernames.get("qa-lead");
    Api.Response set =
        admin.put("/api/v1/users/" + qa + "/password", Map.of("password", "a local password"));
    assertThat(set.status()).isEqualTo(204);
    assertThat(new io.tollgate.support.WebSession(port).signIn(qa, "a local password")).isTrue();
  }

  @Test
  void aPersonWithoutMappedGroupsGetsAnAccountButNoRoleAndADisabledOneIsTurnedAway() {
    HttpResponse<String> landed = new Browser().signInThroughProvider(port, "dora");
    assertThat(landed.uri().getPath()).isEqualTo("/");
    assertThat(rolesOn(PRODUCT, "dora")).isEmpty();
    Api.Response granted =
        admin.put(
            "/api/v1/products/" + PRODUCT + "/members/dora", Map.of("roles", List.of("support")));
    assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
    assertThat(new Browser().signInThroughProvider(port, "dora").uri().getPath()).isEqualTo("/");
    assertThat(rolesOn(PRODUCT, "dora"))
        .as("on a mapped product, the groups decide: a role granted by hand is taken away")
        .isEmpty();

    assertThat(admin.post("/api/v1/users/dora/disable").status()).isEqualTo(200);
    HttpResponse<String> refused = new Browser().signInThroughProvider(port, "dora");
    assertThat(refused.uri().getPath()).isEqualTo("/login");
    assertThat(refused.body()).contains("disabled");
    admin.post("/api/v1/users/dora/enable");
  }

  private List<String> rolesOn(String product, String username) {
    JsonNode members = admin.get("/api/v1/products/" + product).json().path("members");
    return members
        .valueStream()
        .filter(m -> m.path("username").asString().equals(username))
        .flatMap(m -> m.path("roles").valueStream().map(JsonNode::asString))
        .toList();
  }

  /** An HTTP client that keeps cookies and follows redirects, as a browser does. */
  private static final class Browser {
    private final HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> get(String url) {
      return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Starts at Tollgate's SSO button, fills in the provider's login form, follows it home. */
    HttpResponse<String> signInThroughProvider(int port, String username) {
      HttpResponse<String> form = get("http://127.0.0.1:" + port + "/oauth2/authorization/oidc");
      assertThat(form.uri().toString())
          .as("the provider's login form")
          .startsWith(provider.issuer());
      Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
      assertThat(csrf.find()).as("a CSRF field in " + form.body()).isTrue();
      String body =
          "username="
              + encode(username)
              + "&password="
              + encode(OidcTestProvider.PASSWORD)
              + "&_csrf="
              + encode(csrf.group(1));
      return send(
          HttpRequest.newBuilder(URI.create(provider.issuer() + "/login"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }
}
