package io.tollgate.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scope of a token as a rule, without Spring. */
class TokenScopeTests {
  static final TokenScope.Call READ_SHOP = new TokenScope.Call(true, null, true, "shop");
  static final TokenScope.Call MEET_SHOP =
      new TokenScope.Call(false, "requirements:meet", true, "shop");
  static final TokenScope.Call MEET_OTHER =
      new TokenScope.Call(false, "requirements:meet", true, "other");
  static final TokenScope.Call READ_ME = new TokenScope.Call(true, null, false, null);
  static final TokenScope.Call CREATE_PRODUCT =
      new TokenScope.Call(false, "products:create", false, null);
  static final TokenScope.Call READ_UNPLACED = new TokenScope.Call(true, null, true, null);

  private static String missing(TokenScope scope, TokenScope.Call call) {
    return scope.refusal(call).map(TokenScope.Refusal::missingScope).orElse(null);
  }

  @Test
  void anEmptyScopeRestrictsNothing() {
    TokenScope none = new TokenScope(null, false, null);
    assertThat(none.restricts()).isFalse();
    for (var call : List.of(READ_SHOP, MEET_SHOP, MEET_OTHER, READ_ME, CREATE_PRODUCT)) {
      assertThat(none.refusal(call)).isEmpty();
    }
  }

  @Test
  void productsLimitEveryCallAboutAProductAndCommandsAboutNone() {
    TokenScope shop = new TokenScope(List.of("shop"), false, null);
    assertThat(missing(shop, READ_SHOP)).isNull();
    assertThat(missing(shop, MEET_SHOP)).isNull();
    assertThat(missing(shop, MEET_OTHER)).isEqualTo("product:other");
    assertThat(missing(shop, new TokenScope.Call(true, null, true, "other")))
        .isEqualTo("product:other");
    assertThat(missing(shop, READ_ME)).as("reads about no product").isNull();
    assertThat(missing(shop, CREATE_PRODUCT)).isEqualTo(TokenScope.ALL_PRODUCTS);
    assertThat(missing(shop, READ_UNPLACED))
        .as("a thing whose product cannot be told")
        .isEqualTo(TokenScope.ALL_PRODUCTS);
  }

  @Test
  void readOnlyRefusesEveryCommandByItsAction() {
    TokenScope reader = new TokenScope(null, true, null);
    assertThat(missing(reader, READ_SHOP)).isNull();
    assertThat(missing(reader, MEET_SHOP)).isEqualTo("requirements:meet");
    assertThat(missing(reader, CREATE_PRODUCT)).isEqualTo("products:create");
    assertThat(reader.refusal(MEET_SHOP).orElseThrow().detail()).contains("read-only");
  }

  @Test
  void actionsListWhatCommandsItMayRun() {
    TokenScope meet = new TokenScope(List.of("shop"), false, List.of("requirements:meet"));
    assertThat(missing(meet, MEET_SHOP)).isNull();
    assertThat(missing(meet, READ_SHOP)).isNull();
    assertThat(missing(meet, new TokenScope.Call(false, "steps:complete", true, "shop")))
        .isEqualTo("steps:complete");
    assertThat(missing(meet, MEET_OTHER)).as("the product comes first").isEqualTo("product:other");
  }

  @Test
  void accountCommandsAreNeverInAScope() {
    TokenScope everything = new TokenScope(null, false, List.of("changes:add"));
    Optional<TokenScope.Refusal> refusal =
        everything.refusal(new TokenScope.Call(false, "tokens:issue", false, null));
    assertThat(refusal).isPresent();
    assertThat(refusal.get().missingScope()).isEqualTo("tokens:issue");
    assertThatThrownBy(
            () ->
                new TokenScope(null, false, List.of("tokens:issue"))
                    .validate(Set.of("tokens:issue", "changes:add")))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("cannot be granted");
  }

  @Test
  void validationNamesWhatIsWrong() {
    Set<String> known = Set.of("requirements:meet", "steps:complete");
    assertThatThrownBy(
            () -> new TokenScope(null, false, List.of("requirement:meet")).validate(known))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("requirement:meet")
        .hasMessageContaining("requirements:meet, steps:complete");
    assertThatThrownBy(() -> new TokenScope(List.of(), false, null).validate(known))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("allows nothing");
    assertThatThrownBy(() -> new TokenScope(List.of("Not A Key"), false, null).validate(known))
        .isInstanceOf(Invalid.class);
    new TokenScope(List.of("shop"), true, List.of("steps:complete")).validate(known);
    assertThat(new TokenScope(List.of("a", "a"), false, null).products()).containsExactly("a");
  }
}
