package io.tollgate.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Refused;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipPolicyTests {
  private final MembershipPolicy policy =
      new MembershipPolicy("shop", "release-manager", Set.of("release-manager", "qa-lead"));
  private final Actor rita = new Actor("rita", false);
  private final Actor admin = new Actor("admin", true);
  private final Map<String, Set<String>> holders =
      Map.of("release-manager", Set.of("rita"), "qa-lead", Set.of("quinn"));

  @Test
  void nobodyChangesTheirOwnRolesNotEvenTheAdmin() {
    assertThatThrownBy(
            () ->
                policy.check(
                    rita,
                    Set.of("release-manager"),
                    "rita",
                    Set.of("release-manager"),
                    Set.of("release-manager", "qa-lead"),
                    holders,
                    List.of()))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("own roles");
    assertThatThrownBy(
            () ->
                policy.check(
                    admin, Set.of(), "admin", Set.of(), Set.of("qa-lead"), holders, List.of()))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void grantingTheManagerRoleIsTheAdmins() {
    assertThatThrownBy(
            () ->
                policy.check(
                    rita,
                    Set.of("release-manager"),
                    "dana",
                    Set.of(),
                    Set.of("release-manager"),
                    holders,
                    List.of()))
        .isInstanceOf(Forbidden.class)
        .hasMessageContaining("system administrator only");
    assertThatCode(
            () ->
                policy.check(
                    admin,
                    Set.of(),
                    "dana",
                    Set.of(),
                    Set.of("release-manager"),
                    holders,
                    List.of()))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                policy.check(
                    rita,
                    Set.of("release-manager"),
                    "dana",
                    Set.of(),
                    Set.of("qa-lead"),
                    holders,
                    List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void theLastHolderOfARoleOpenReleasesNeedKeepsIt() {
    assertThatThrownBy(
            () ->
                policy.check(
                    rita,
                    Set.of("release-manager"),
                    "quinn",
                    Set.of("qa-lead"),
                    Set.of(),
                    holders,
                    List.of("1.2.0", "1.3.0")))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("'qa-lead'")
        .hasMessageContaining("1.2.0, 1.3.0");
    // no open release: the role may go
    assertThatCode(
            () ->
                policy.check(
                    rita,
                    Set.of("release-manager"),
                    "quinn",
                    Set.of("qa-lead"),
                    Set.of(),
                    holders,
                    List.of()))
        .doesNotThrowAnyException();
    // another holder: the role may go
    assertThatCode(
            () ->
                policy.check(
                    rita,
                    Set.of("release-manager"),
                    "quinn",
                    Set.of("qa-lead"),
                    Set.of(),
                    Map.of("qa-lead", Set.of("quinn", "quentin")),
                    List.of("1.2.0")))
        .doesNotThrowAnyException();
  }

  @Test
  void theIdentityProvidersMappingIsTheOneIntegrationGrantedRoleChanges() {
    Actor oidc = MembershipPolicy.IDENTITY_PROVIDER;
    assertThat(oidc.kind()).isEqualTo(Actor.Kind.INTEGRATION);
    assertThat(oidc.admin()).isFalse();
    assertThatCode(
            () ->
                policy.check(
                    oidc,
                    Set.of(),
                    "olga",
                    Set.of(),
                    Set.of("release-manager", "qa-lead"),
                    holders,
                    List.of("1.4.0")))
        .as("the mapping is the administrator's configuration: any role")
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                policy.check(
                    oidc,
                    Set.of(),
                    "quinn",
                    Set.of("qa-lead"),
                    Set.of(),
                    holders,
                    List.of("1.4.0")))
        .as("held to the last-holder rule like everyone")
        .isInstanceOf(Refused.class)
        .hasMessageContaining("last holder");
    Actor github = Actor.integration("github");
    assertThatThrownBy(
            () ->
                policy.check(
                    github, Set.of(), "olga", Set.of(), Set.of("qa-lead"), holders, List.of()))
        .isInstanceOf(Forbidden.class)
        .hasMessage(
            "Changing members of 'shop' is not granted to the integration github; only people and"
                + " the identity provider's role mapping change roles.");
    assertThatThrownBy(
            () ->
                policy.check(
                    Actor.SYSTEM,
                    Set.of(),
                    "olga",
                    Set.of(),
                    Set.of("qa-lead"),
                    holders,
                    List.of()))
        .isInstanceOf(Forbidden.class);
  }
}
