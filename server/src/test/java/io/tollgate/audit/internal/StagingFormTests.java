package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The staging form and its MAC: a stored format, so fixed values that must not drift. */
class StagingFormTests {
  private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final AuditStore.NewEvent EVENT =
      new AuditStore.NewEvent(
          "rita", "person", "step.completed", "release/r1", "r1", "shop", 1, "{\"n\":1}");

  @Test
  void isFormTwoWithTheStagedIdInPlaceOfTheSequenceNumberAfterAVersionedPrefixAndItsPlace() {
    assertThat(ChainForm.staged(42, 3, AT, EVENT))
        .isEqualTo(
            "staged:1:3:{\"action\":\"step.completed\",\"actor\":\"rita\",\"actorKind\":\"person\","
                + "\"at\":\"2026-01-02T03:04:05.678Z\",\"details\":{\"n\":1},\"form\":2,"
                + "\"payloadVersion\":1,\"product\":\"shop\",\"release\":\"r1\",\"seq\":42,"
                + "\"subject\":\"release/r1\"}");
  }

  @Test
  void itsMacIsHmacSha256WithTheAuditKey() {
    // computed independently (Python's hmac) over the form above
    assertThat(ChainForm.stagedMac(ChainForm.newMac(KEY), 42, 3, AT, EVENT))
        .isEqualTo("71a7c62602d8e572b721375a6d8030bc60327bd395500da60d8d0092157572f1");
  }

  @Test
  void itsMacChangesWithTheIdThePlaceAndAnyField() {
    String mac = ChainForm.stagedMac(ChainForm.newMac(KEY), 42, 3, AT, EVENT);
    assertThat(ChainForm.stagedMac(ChainForm.newMac(KEY), 42, 4, AT, EVENT)).isNotEqualTo(mac);
    assertThat(ChainForm.stagedMac(ChainForm.newMac(KEY), 43, 3, AT, EVENT)).isNotEqualTo(mac);
    assertThat(ChainForm.stagedMac(ChainForm.newMac(KEY), 42, 3, AT.plusMillis(1), EVENT))
        .isNotEqualTo(mac);
    AuditStore.NewEvent mallory =
        new AuditStore.NewEvent(
            "mallory", "person", "step.completed", "release/r1", "r1", "shop", 1, "{\"n\":1}");
    assertThat(ChainForm.stagedMac(ChainForm.newMac(KEY), 42, 3, AT, mallory)).isNotEqualTo(mac);
  }

  @Test
  void aStagingMacNeverStandsForAChainMac() {
    // the chain's MAC covers a hash's 64 hex characters; the staging form starts otherwise
    assertThat(ChainForm.staged(42, 3, AT, EVENT))
        .startsWith("staged:1:")
        .doesNotMatch("[0-9a-f]{64}");
  }
}
