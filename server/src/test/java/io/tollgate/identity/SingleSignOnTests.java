package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single sign-on settings: off by default, and the group-to-role mapping. */
class SingleSignOnTests {

  @Test
  void isOffWithoutAnIssuer() {
    SingleSignOn off = new SingleSignOn("", null, null, null, null, Map.of());
    assertThat(off.enabled()).isFalse();
    assertThat(off.usernameClaim()).isEqualTo("preferred_username");
    assertThat(off.groupsClaim()).isEqualTo("groups");
  }

  @Test
  void anIssuerWithoutAClientIdIsAConfigurationError() {
    assertThatThrownBy(() -> new SingleSignOn("https://id.example", "", null, null, null, Map.of()))
        .hasMessageContaining("TOLLGATE_OIDC_CLIENT_ID");
  }

  @Test
  void mapsGroupsToRolesOnEveryMappedProduct() {
    SingleSignOn sso =
        new SingleSignOn(
            "https://id.example",
            "tollgate",
            "secret",
            null,
            null,
            SingleSignOn.parseMapping(
                "octoshop-qa:octoshop/qa-lead, octoshop-ops:octoshop/devops;"
                    + " ops:octoshop/devops ops:billing/devops"));
    assertThat(sso.mappedProducts()).containsExactlyInAnyOrder("octoshop", "billing");
    assertThat(sso.rolesFor(List.of("octoshop-qa", "ops", "unrelated")))
        .containsEntry("octoshop", List.of("qa-lead", "devops"))
        .containsEntry("billing", List.of("devops"));
    assertThat(sso.rolesFor(List.of("octoshop-qa")))
        .as("a mapped product without a matching group: no roles there")
        .containsEntry("billing", List.of());
  }

  @Test
  void aMalformedMappingSaysWhatIsExpected() {
    assertThatThrownBy(() -> SingleSignOn.parseMapping("octoshop-qa=octoshop/qa-lead"))
        .hasMessageContaining("group:product/role");
    assertThatThrownBy(() -> SingleSignOn.parseMapping("qa:octoshop"))
        .hasMessageContaining("'qa:octoshop'");
  }
}
