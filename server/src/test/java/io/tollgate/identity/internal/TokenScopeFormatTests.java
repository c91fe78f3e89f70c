package io.tollgate.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.identity.TokenScope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of a token's scope: version 1, and tokens stored before scopes existed. */
class TokenScopeFormatTests {

  @Test
  void readsAStoredVersionOneDocument() {
    String stored =
        "{\"version\":1,\"products\":[\"octoshop\"],\"readOnly\":true,"
            + "\"actions\":[\"requirements:meet\"]}";
    TokenScope scope = TokenScopeFormat.read(stored);
    assertThat(scope.products()).containsExactly("octoshop");
    assertThat(scope.readOnly()).isTrue();
    assertThat(scope.actions()).containsExactly("requirements:meet");
  }

  @Test
  void writesVersionOneAndReadsItBack() {
    TokenScope scope = new TokenScope(List.of("a", "b"), false, List.of("changes:add"));
    String stored = TokenScopeFormat.write(scope);
    assertThat(stored)
        .isEqualTo("{\"version\":1,\"products\":[\"a\",\"b\"],\"actions\":[\"changes:add\"]}");
    assertThat(TokenScopeFormat.read(stored)).isEqualTo(scope);
  }

  @Test
  void aTokenStoredWithoutAScopeHasNone() {
    assertThat(TokenScopeFormat.read(null)).isNull();
    assertThat(TokenScopeFormat.write(null)).isNull();
  }

  @Test
  void aNewerVersionIsNotGuessedAt() {
    assertThatThrownBy(() -> TokenScopeFormat.read("{\"version\":2}"))
        .isInstanceOf(IllegalStateException.class);
  }
}
