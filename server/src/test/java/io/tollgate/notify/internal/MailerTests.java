package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SMTP side without Spring: not set up, and a server that is not there. */
class MailerTests {

  @Test
  void withoutAHostEmailIsNotSetUpAndSaysSoForGood() {
    Mailer mailer = new Mailer("", 25, "", "", "t@x.test", false, Duration.ofSeconds(1));
    assertThat(mailer.configured()).isFalse();
    assertThatThrownBy(() -> mailer.send(List.of("a@x.test"), "s", "t", "<p>h</p>"))
        .isInstanceOfSatisfying(
            SendFailed.class,
            f -> {
              assertThat(f.permanent()).isTrue();
              assertThat(f.getMessage()).contains("TOLLGATE_SMTP_HOST");
            });
  }

  @Test
  void anUnreachableServerIsAFailedAttemptToTryAgain() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Mailer mailer =
        new Mailer("127.0.0.1", closed, "", "", "t@x.test", false, Duration.ofSeconds(2));
    assertThat(mailer.server()).isEqualTo("127.0.0.1:" + closed);
    assertThatThrownBy(() -> mailer.send(List.of("a@x.test"), "s", "t", "<p>h</p>"))
        .isInstanceOfSatisfying(
            SendFailed.class,
            f -> {
              assertThat(f.permanent()).isFalse();
              assertThat(f.getMessage()).contains("127.0.0.1:" + closed);
            });
  }
}
