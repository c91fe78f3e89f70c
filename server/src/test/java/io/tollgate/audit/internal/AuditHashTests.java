package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The hash that chains audit events, in each canonical form: it covers every field of its form. */
class AuditHashTests {
  private static final ChainForm.Fields EVENT =
      new ChainForm.Fields(
          42,
          Instant.parse("2026-03-10T18:42:07.123Z"),
          new AuditStore.NewEvent(
              "rita",
              "person",
              "decision.recorded",
              "release:1f0c",
              "1f0c",
              "shop",
              1,
              "{\"decision\":\"go\",\"rationale\":\"All gates green\"}"));

  /**
   * Checked by hand, independently of this code:
   *
   * <pre>
   * G=0000000000000000000000000000000000000000000000000000000000000000
   * printf '%s%s' "$G" '{"action":"decision.recorded","actor":"rita","at":"2026-03-10T18:42:07.123Z",\
   * "details":{"decision":"go","rationale":"All gates green"},"release":"1f0c","seq":42,\
   * "subject":"release:1f0c"}' | sha256sum
   * </pre>
   *
   * (one line, without the backslashes and line breaks).
   */
  @Test
  void formOneHashesTheFieldsOfTheRowsWrittenBeforeTheEventVocabulary() {
    assertThat(ChainForm.canonical(1, EVENT))
        .isEqualTo(
            "{\"action\":\"decision.recorded\",\"actor\":\"rita\",\"at\":\"2026-03-10T18:42:07.123Z\",\"details\":{\"decision\":\"go\",\"rationale\":\"All"
                + " gates green\"},\"release\":\"1f0c\",\"seq\":42,\"subject\":\"release:1f0c\"}");
    assertThat(ChainForm.hash(1, ChainForm.GENESIS, EVENT))
        .isEqualTo("1e213a11def3b5c7113113cba55265ee854ed50fc03c509f506e63d008a8af74");
  }

  /**
   * Checked by hand:
   *
   * <pre>
   * printf '%s%s' "$G" '{"action":"decision.recorded","actor":"rita","actorKind":"person",\
   * "at":"2026-03-10T18:42:07.123Z","details":{"decision":"go","rationale":"All gates green"},\
   * "form":2,"payloadVersion":1,"product":"shop","release":"1f0c","seq":42,\
   * "subject":"release:1f0c"}' | sha256sum
   * printf '%s' 25d23d7a…5ebb | openssl dgst -sha256 -mac HMAC \
   *   -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
   * </pre>
   */
  @Test
  void formTwoAddsTheActorKindProductPayloadVersionAndForm() {
    assertThat(ChainForm.canonical(2, EVENT))
        .isEqualTo(
            "{\"action\":\"decision.recorded\",\"actor\":\"rita\",\"actorKind\":\"person\","
                + "\"at\":\"2026-03-10T18:42:07.123Z\","
                + "\"details\":{\"decision\":\"go\",\"rationale\":\"All gates green\"},"
                + "\"form\":2,\"payloadVersion\":1,\"product\":\"shop\","
                + "\"release\":\"1f0c\",\"seq\":42,\"subject\":\"release:1f0c\"}");
    String hash = ChainForm.hash(2, ChainForm.GENESIS, EVENT);
    assertThat(hash).isEqualTo("25d23d7ac76bb4e54f39a6964a939eb3142fed9198c6e654208f2f2115d95ebb");
    byte[] key =
        HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    assertThat(ChainForm.mac(key, hash))
        .isEqualTo("314142081aae62279d735c8cd51f2db5834c7492e6539bcdac1ddf04b267d4e7");
  }

  @Test
  void anUnknownFormIsRefused() {
    assertThatThrownBy(() -> ChainForm.hash(3, ChainForm.GENESIS, EVENT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isStableForEqualInput() {
    ChainForm.Fields copy =
        new ChainForm.Fields(
            EVENT.seq(),
            Instant.parse("2026-03-10T18:42:07.123Z"),
            new AuditStore.NewEvent(
                new String(EVENT.event().actor()),
                new String(EVENT.event().actorKind()),
                new String(EVENT.event().action()),
                new String(EVENT.event().subject()),
                new String(EVENT.event().release()),
                new String(EVENT.event().product()),
                EVENT.event().payloadVersion(),
                new String(EVENT.event().details())));
    for (int form = 1; form <= ChainForm.CURRENT; form++) {
      assertThat(ChainForm.hash(form, ChainForm.GENESIS, copy))
          .isEqualTo(ChainForm.hash(form, ChainForm.GENESIS, EVENT))
          .matches("[0-9a-f]{64}");
    }
  }

  @Test
  void changesWhenAnyFieldOfItsFormChanges() {
    Map<String, UnaryOperator<ChainForm.Fields>> formOne = new LinkedHashMap<>();
    formOne.put("seq", e -> with(e, "seq", e.seq() + 1));
    formOne.put("at", e -> with(e, "at", e.at().plusMillis(1)));
    formOne.put("actor", e -> with(e, "actor", "rob"));
    formOne.put("action", e -> with(e, "action", "decision.revoked"));
    formOne.put("subject", e -> with(e, "subject", "release:1f0d"));
    formOne.put("release", e -> with(e, "release", "1f0d"));
    formOne.put(
        "details", e -> with(e, "details", e.event().details().replace("\"go\"", "\"no-go\"")));
    formOne.put(
        "details, one character",
        e -> with(e, "details", e.event().details().replace("green", "Green")));
    Map<String, UnaryOperator<ChainForm.Fields>> formTwo = new LinkedHashMap<>(formOne);
    formTwo.put("actorKind", e -> with(e, "actorKind", "system"));
    formTwo.put("product", e -> with(e, "product", "shop2"));
    formTwo.put("payloadVersion", e -> with(e, "payloadVersion", 2));

    formOne.forEach(
        (field, change) ->
            assertThat(ChainForm.hash(1, ChainForm.GENESIS, change.apply(EVENT)))
                .as("form 1 hash after changing " + field)
                .isNotEqualTo(ChainForm.hash(1, ChainForm.GENESIS, EVENT)));
    formTwo.forEach(
        (field, change) ->
            assertThat(ChainForm.hash(2, ChainForm.GENESIS, change.apply(EVENT)))
                .as("form 2 hash after changing " + field)
                .isNotEqualTo(ChainForm.hash(2, ChainForm.GENESIS, EVENT)));
    assertThat(ChainForm.hash(2, "1" + ChainForm.GENESIS.substring(1), EVENT))
        .isNotEqualTo(ChainForm.hash(2, ChainForm.GENESIS, EVENT));
  }

  @Test
  void formOneIgnoresTheFieldsItDidNotHave() {
    // old rows got a product filled in by the migration: it must not change their hash
    assertThat(ChainForm.hash(1, ChainForm.GENESIS, with(EVENT, "product", null)))
        .isEqualTo(ChainForm.hash(1, ChainForm.GENESIS, EVENT));
  }

  @Test
  void dependsOnWhichFieldAValueIsIn() {
    ChainForm.Fields swapped =
        with(with(EVENT, "actor", EVENT.event().action()), "action", EVENT.event().actor());

    assertThat(ChainForm.hash(2, ChainForm.GENESIS, swapped))
        .isNotEqualTo(ChainForm.hash(2, ChainForm.GENESIS, EVENT));
  }

  @Test
  void coversTheTimeToTheMillisecondAsItIsStored() {
    assertThat(
            ChainForm.hash(2, ChainForm.GENESIS, with(EVENT, "at", EVENT.at().plusNanos(999_999))))
        .isEqualTo(ChainForm.hash(2, ChainForm.GENESIS, EVENT));
  }

  @Test
  void chainsEachEventToThePreviousHash() {
    String first = ChainForm.hash(2, ChainForm.GENESIS, EVENT);
    String second = ChainForm.hash(2, first, with(EVENT, "seq", 43L));

    assertThat(second).isNotEqualTo(first);
    assertThat(ChainForm.hash(2, first, with(EVENT, "seq", 43L))).isEqualTo(second);
  }

  /** {@code e} with one field changed. */
  static ChainForm.Fields with(ChainForm.Fields e, String field, Object v) {
    return new ChainForm.Fields(
        field.equals("seq") ? ((Number) v).longValue() : e.seq(),
        field.equals("at") ? (Instant) v : e.at(),
        new AuditStore.NewEvent(
            field.equals("actor") ? (String) v : e.event().actor(),
            field.equals("actorKind") ? (String) v : e.event().actorKind(),
            field.equals("action") ? (String) v : e.event().action(),
            field.equals("subject") ? (String) v : e.event().subject(),
            field.equals("release") ? (String) v : e.event().release(),
            field.equals("product") ? (String) v : e.event().product(),
            field.equals("payloadVersion") ? (Integer) v : e.event().payloadVersion(),
            field.equals("details") ? (String) v : e.event().details()));
  }
}
