package io.tollgate.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The hash that chains audit events: it covers every field and nothing else. */
class AuditHashTests {
  private static final Event EVENT =
      new Event(
          AuditStore.GENESIS,
          42,
          Instant.parse("2026-03-10T18:42:07.123Z"),
          "rita",
          "decision.recorded",
          "release:1f0c",
          "1f0c",
          "{\"decision\":\"go\",\"rationale\":\"All gates green\"}");

  @Test
  void isStableForEqualInput() {
    Event copy =
        new Event(
            new String(EVENT.prev),
            EVENT.seq,
            Instant.parse("2026-03-10T18:42:07.123Z"),
            new String(EVENT.actor),
            new String(EVENT.action),
            new String(EVENT.subject),
            new String(EVENT.release),
            new String(EVENT.details));

    assertThat(copy.hash()).isEqualTo(EVENT.hash());
    assertThat(EVENT.hash()).isEqualTo(EVENT.hash()).matches("[0-9a-f]{64}");
  }

  @Test
  void changesWhenAnyFieldChanges() {
    Map<String, UnaryOperator<Event>> changes = new LinkedHashMap<>();
    changes.put("prevHash", e -> e.withPrev("1" + e.prev.substring(1)));
    changes.put("seq", e -> e.withSeq(e.seq + 1));
    changes.put("at", e -> e.withAt(e.at.plusMillis(1)));
    changes.put("actor", e -> e.withActor("rob"));
    changes.put("action", e -> e.withAction("decision.revoked"));
    changes.put("subject", e -> e.withSubject("release:1f0d"));
    changes.put("release", e -> e.withRelease("1f0d"));
    changes.put(
        "details",
        e -> e.withDetails("{\"decision\":\"no-go\",\"rationale\":\"All gates green\"}"));
    changes.put("details, one character", e -> e.withDetails(e.details.replace("green", "Green")));

    changes.forEach(
        (field, change) ->
            assertThat(change.apply(EVENT).hash())
                .as("hash after changing " + field)
                .isNotEqualTo(EVENT.hash()));
  }

  @Test
  void dependsOnWhichFieldAValueIsIn() {
    Event swapped = EVENT.withActor(EVENT.action).withAction(EVENT.actor);

    assertThat(swapped.hash()).isNotEqualTo(EVENT.hash());
  }

  @Test
  void coversTheTimeToTheMillisecondAsItIsStored() {
    assertThat(EVENT.withAt(EVENT.at.plusNanos(999_999)).hash()).isEqualTo(EVENT.hash());
  }

  @Test
  void chainsEachEventToThePreviousHash() {
    String first = EVENT.hash();
    String second = EVENT.withPrev(first).withSeq(43).hash();

    assertThat(second).isNotEqualTo(first);
    assertThat(EVENT.withPrev(first).withSeq(43).hash()).isEqualTo(second);
  }

  /** The arguments of {@link AuditStore#hash}, so one can be changed at a time. */
  private record Event(
      String prev,
      long seq,
      Instant at,
      String actor,
      String action,
      String subject,
      String release,
      String details) {
    String hash() {
      return AuditStore.hash(prev, seq, at, actor, action, subject, release, details);
    }

    Event withPrev(String v) {
      return new Event(v, seq, at, actor, action, subject, release, details);
    }

    Event withSeq(long v) {
      return new Event(prev, v, at, actor, action, subject, release, details);
    }

    Event withAt(Instant v) {
      return new Event(prev, seq, v, actor, action, subject, release, details);
    }

    Event withActor(String v) {
      return new Event(prev, seq, at, v, action, subject, release, details);
    }

    Event withAction(String v) {
      return new Event(prev, seq, at, actor, v, subject, release, details);
    }

    Event withSubject(String v) {
      return new Event(prev, seq, at, actor, action, v, release, details);
    }

    Event withRelease(String v) {
      return new Event(prev, seq, at, actor, action, subject, v, details);
    }

    Event withDetails(String v) {
      return new Event(prev, seq, at, actor, action, subject, release, v);
    }
  }
}
