package io.tollgate.automation;

import static io.tollgate.automation.DeploymentStatus.CANCELLED;
import static io.tollgate.automation.DeploymentStatus.FAILED;
import static io.tollgate.automation.DeploymentStatus.QUEUED;
import static io.tollgate.automation.DeploymentStatus.RUNNING;
import static io.tollgate.automation.DeploymentStatus.SUCCEEDED;
import static io.tollgate.automation.DeploymentStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Refused;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackPolicyTests {
  @Test
  void reportsMoveAnUnfinishedDeployment() {
    assertThat(CallbackPolicy.decide(QUEUED, RUNNING)).isEqualTo(CallbackPolicy.Effect.RUNNING);
    assertThat(CallbackPolicy.decide(RUNNING, RUNNING)).isEqualTo(CallbackPolicy.Effect.RUNNING);
    assertThat(CallbackPolicy.decide(QUEUED, SUCCEEDED)).isEqualTo(CallbackPolicy.Effect.FINISH);
    assertThat(CallbackPolicy.decide(RUNNING, FAILED)).isEqualTo(CallbackPolicy.Effect.FINISH);
  }

  @Test
  void theSameFinalStatusAgainChangesNothingAnotherConflicts() {
    assertThat(CallbackPolicy.decide(SUCCEEDED, SUCCEEDED))
        .isEqualTo(CallbackPolicy.Effect.UNCHANGED);
    assertThatThrownBy(() -> CallbackPolicy.decide(SUCCEEDED, FAILED))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("already ended as succeeded");
    assertThatThrownBy(() -> CallbackPolicy.decide(CANCELLED, SUCCEEDED))
        .isInstanceOf(Refused.class);
    assertThatThrownBy(() -> CallbackPolicy.decide(TIMED_OUT, RUNNING)).isInstanceOf(Refused.class);
  }

  @Test
  void onlyThreeStatusesMayBeReported() {
    assertThat(CallbackPolicy.reported("running")).isEqualTo(RUNNING);
    assertThat(CallbackPolicy.reported("succeeded")).isEqualTo(SUCCEEDED);
    assertThat(CallbackPolicy.reported("failed")).isEqualTo(FAILED);
    assertThatThrownBy(() -> CallbackPolicy.reported("cancelled")).isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> CallbackPolicy.reported(null)).isInstanceOf(BadRequest.class);
  }

  @Test
  void retriesBackOffAndStopAfterFiveAttempts() {
    Duration base = Duration.ofSeconds(1);
    assertThat(Backoff.before(2, base)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Backoff.before(3, base)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Backoff.before(5, base)).isEqualTo(Duration.ofSeconds(8));
    assertThat(Backoff.before(40, base)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Backoff.exhausted(4)).isFalse();
    assertThat(Backoff.exhausted(5)).isTrue();
  }

  @Test
  void statusIdsAreTheContracts() {
    assertThat(TIMED_OUT.id()).isEqualTo("timed-out");
    assertThat(DeploymentStatus.parse("timed-out")).contains(TIMED_OUT);
    assertThat(RUNNING.isFinal()).isFalse();
    assertThat(CANCELLED.isFinal()).isTrue();
  }
}
