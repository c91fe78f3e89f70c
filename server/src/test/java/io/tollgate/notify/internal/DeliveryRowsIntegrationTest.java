package io.tollgate.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the delivery store's tests share: a subscription nothing else delivers to, and delivery rows
 * written straight into the outbox, due in the year 2100 with the times passed in, so that the
 * server's own sender (which asks with the real time) never takes them.
 */
abstract class DeliveryRowsIntegrationTest extends IntegrationTest {
  static final Instant T = Instant.parse("2100-01-01T00:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(2);

  @Autowired DeliveryStore deliveries;
  @Autowired DeliveryLedger ledger;

  /** A subscription of a fresh product to an event nothing in these tests records. */
  String subscription(Team t) {
    Api.Response s =
        t.rm.post(
            "/api/v1/products/" + t.product + "/subscriptions",
            Map.of(
                "events",
                List.of("customer-issue.reported"),
                "channel",
                Map.of("kind", "webhook", "url", "http://127.0.0.1:9/never")));
    assertThat(s.status()).as(s.toString()).isEqualTo(201);
    return s.text("id");
  }

  /** Pending rows for the events {@code from} to {@code to} of the subscription. */
  void rows(Team t, String subscription, long from, long to) {
    deliveries.insert(
        LongStream.rangeClosed(from, to)
            .mapToObj(
                seq -> new DeliveryStore.NewRow(subscription, t.product, seq, "step.completed"))
            .toList(),
        T);
  }

  static List<Long> seqs(DeliveryStore.Batch batch) {
    return batch.rows().stream().map(DeliveryStore.Due::seq).toList();
  }
}
