package io.tollgate.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveUpdatesTests {

  @Test
  void dropsStreamsWhosePageIsGoneAtTheNextKeepAlive() {
    LiveUpdates live = new LiveUpdates();
    SseEmitter gone = live.subscribe(Set.of("board"));
    live.subscribe(Set.of("board"));
    assertThat(live.subscriberCount()).isEqualTo(2);
    gone.complete();
    live.keepAlive();
    assertThat(live.subscriberCount()).isEqualTo(1);
  }
}
