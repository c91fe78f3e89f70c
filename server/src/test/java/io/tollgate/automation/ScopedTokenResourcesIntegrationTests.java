package io.tollgate.automation;

import static io.tollgate.automation.AutomationFixtures.configure;
import static io.tollgate.automation.AutomationFixtures.readyForStaging;
import static io.tollgate.automation.AutomationFixtures.start;
import static io.tollgate.automation.AutomationFixtures.webhook;
import static io.tollgate.support.ReleaseDriver.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.shared.outbound.StandardWebhooks;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A product-scoped token on paths that name a resource by its own id ({@code deployments/{id}}):
 * the product is found from the resource, so the token works for its own product's resources, is
 * refused (403, naming the scope) for another product's resource its user is a member of, and gets
 * 404 for a product its user is not a member of (not even the product is told). The product list
 * holds only the token's products.
 */
class ScopedTokenResourcesIntegrationTests extends IntegrationTest {
  final String secret = StandardWebhooks.newSecret();
  PipelineReceiver pipeline;

  @BeforeEach
  void pipeline() {
    pipeline = new PipelineReceiver();
    pipeline.secret(secret);
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void aProductScopedTokenReadsItsProductsDeploymentsAndOnlyThose() {
    Team a = team();
    Team b = team();
    configure(a.devops, a, "staging", webhook(pipeline.url(), secret));
    String release = readyForStaging(a);
    String deployment = start(a.devops, release, "deploy-staging");
    String path = "/api/v1/deployments/" + deployment;

    Api onlyA = a.scoped("devops", Map.of("products", List.of(a.product)));
    Api.Response own = onlyA.get(path);
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    assertThat(own.json().path("id").asString()).isEqualTo(deployment);

    Api outsider = b.scoped("devops", Map.of("products", List.of(b.product)));
    Api.Response hidden = outsider.get(path);
    assertThat(hidden.status()).as(hidden.toString()).isEqualTo(404);
    assertThat(hidden.body()).doesNotContain(a.product);
    assertThat(outsider.post(path + "/cancel").status()).isEqualTo(404);

    // the devops of A is made a member of B too: a token scoped to B is refused A's deployment
    String devopsOfA = a.usernames.get("devops");
    ok(
        admin.put(
            "/api/v1/products/" + b.product + "/members/" + devopsOfA,
            Map.of("roles", List.of("devops"))));
    Api onlyB = a.scoped("devops", Map.of("products", List.of(b.product)));
    Api.Response refused = onlyB.get(path);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text("missingScope")).isEqualTo("product:" + a.product);

    assertThat(keys(onlyB.get("/api/v1/products").json()))
        .as("a product-scoped token lists its products only")
        .containsExactly(b.product);
    assertThat(keys(a.devops.get("/api/v1/products").json()))
        .as("a token without a scope lists every product of its user")
        .contains(a.product, b.product);
    assertThat(keys(onlyA.get("/api/v1/products").json())).containsExactly(a.product);
  }

  private static List<String> keys(tools.jackson.databind.JsonNode products) {
    return products.valueStream().map(p -> p.path("key").asString()).toList();
  }
}
