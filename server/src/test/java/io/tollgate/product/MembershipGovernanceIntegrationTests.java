package io.tollgate.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, finding 4: a release manager cannot hand themselves the other roles. */
class MembershipGovernanceIntegrationTests extends IntegrationTest {

  private static Api.Response roles(Api as, Team t, String username, List<String> roles) {
    return as.put("/api/v1/products/" + t.product + "/members/" + username, Map.of("roles", roles));
  }

  @Test
  void aReleaseManagerCannotGiveThemselvesTheOtherRoles() {
    Team t = team();
    String rm = t.usernames.get("release-manager");
    Api.Response self =
        roles(t.rm, t, rm, List.of("release-manager", "qa-lead", "devops", "developer", "support"));
    assertThat(self.status()).as(self.toString()).isEqualTo(403);
    assertThat(self.text("detail")).contains("own roles");
    assertThat(roles(admin, t, "admin", List.of("qa-lead")).status()).isEqualTo(403);
  }

  @Test
  void grantingReleaseManagerIsTheAdmins() {
    Team t = team();
    String dev = t.usernames.get("developer");
    Api.Response byRm = roles(t.rm, t, dev, List.of("developer", "release-manager"));
    assertThat(byRm.status()).as(byRm.toString()).isEqualTo(403);
    assertThat(roles(t.rm, t, dev, List.of("developer", "support")).status()).isEqualTo(200);
    assertThat(roles(admin, t, dev, List.of("developer", "release-manager")).status())
        .isEqualTo(200);
  }

  @Test
  void theLastHolderOfARoleAnOpenReleaseNeedsCannotBeRemoved() {
    Team t = team();
    String qa = t.usernames.get("qa-lead");
    String id = ReleaseDriver.plan(t, "minor");
    String version = t.rm.get(ReleaseDriver.path(id)).text("version");
    Api.Response removed = roles(t.rm, t, qa, List.of());
    assertThat(removed.status()).as(removed.toString()).isEqualTo(409);
    assertThat(removed.text("detail")).contains("'qa-lead'").contains(version);
    t.person("qa2-" + t.product, List.of("qa-lead"));
    assertThat(roles(t.rm, t, qa, List.of()).status()).isEqualTo(200);
    ReleaseDriver.ok(t.rm.post(ReleaseDriver.path(id) + "/cancel", Map.of("reason", "test")));
    String dev = t.usernames.get("developer");
    assertThat(roles(t.rm, t, dev, List.of()).status()).isEqualTo(200);
  }
}
