package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many subscriptions a node sends at once ({@code tollgate.notify.senders}). */
class DispatcherSendersTests {
  @Test
  void byDefaultTwiceTheProcessors() {
    assertThat(Dispatcher.senders(0, 2)).isEqualTo(4);
    assertThat(Dispatcher.senders(0, 8)).isEqualTo(16);
    assertThat(Dispatcher.senders(0, 0)).as("at least one processor is counted").isEqualTo(2);
  }

  @Test
  void asConfiguredOtherwise() {
    assertThat(Dispatcher.senders(16, 2)).isEqualTo(16);
    assertThat(Dispatcher.senders(1, 8)).isEqualTo(1);
  }
}
