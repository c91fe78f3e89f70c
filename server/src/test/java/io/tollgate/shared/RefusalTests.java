package io.tollgate.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Refusals are answers, not faults: no stack trace is filled in (see {@link TollgateException}).
 */
class RefusalTests {
  @Test
  void aRefusalCarriesItsDetailButNoStackTrace() {
    Refused refused = Refused.because("the quality gate is not passed yet");
    assertThat(refused.getMessage()).isEqualTo("the quality gate is not passed yet");
    assertThat(refused.getStackTrace()).isEmpty();
    assertThat(NotFound.of("release", "r-1", "List releases.").getStackTrace()).isEmpty();
  }
}
