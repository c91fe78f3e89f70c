package io.tollgate.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.shared.Actor;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveUpdatesTests {
  private static final LiveUpdates.Access EVERYONE =
      new LiveUpdates.Access() {
        @Override
        public boolean mayReadRelease(Actor who, String releaseId) {
          return true;
        }

        @Override
        public boolean mayReadProduct(Actor who, String product) {
          return true;
        }
      };

  @Test
  void dropsStreamsWhosePageIsGoneAtTheNextKeepAlive() {
    LiveUpdates live = new LiveUpdates(EVERYONE);
    Actor someone = new Actor("someone", false);
    SseEmitter gone = live.subscribe(someone, Set.of("board"));
    live.subscribe(someone, Set.of("board"));
    assertThat(live.subscriberCount()).isEqualTo(2);
    gone.complete();
    live.keepAlive();
    assertThat(live.subscriberCount()).isEqualTo(1);
  }
}
