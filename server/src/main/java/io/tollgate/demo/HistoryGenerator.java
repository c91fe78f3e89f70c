package io.tollgate.demo;

import io.tollgate.demo.HistoryStory.Fate;
import io.tollgate.product.ProductManagement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code tollgate.demo.history=N}, writes a past of N releases over {@code history-products}
 * products ({@code hist-01}, ...), {@code history-per-day} a day up to now, before the server
 * answers: the newest {@code history-active} share still under way (planned, being prepared or
 * awaiting the decision), the rest closed, cancelled or rolled back after an incident. For the
 * benchmarks that need a large history (bench/README.md, "A large history"); the same seed gives
 * the same history. Skipped when {@code hist-01} exists.
 */
@Component
@ConditionalOnProperty("tollgate.demo.history")
@Order(15) // after the administrator is created (AdminBootstrap), before the demo
class HistoryGenerator implements ApplicationRunner {
  /** Releases written in one transaction: one forced commit for these, not one per command. */
  private static final int PER_TRANSACTION = 20;

  private static final Logger log = LoggerFactory.getLogger(HistoryGenerator.class);

  /**
   * How much history to write: {@code perDay} releases planned a day, so a larger history reaches
   * further back at the same pace (a week or a month of it holds as many releases whatever its
   * size).
   */
  record Settings(int releases, int products, double active, double perDay) {
    Settings {
      if (products < 1 || products > 999) throw new IllegalArgumentException("1 to 999 products");
      if (active < 0 || active > 1) throw new IllegalArgumentException("active is a share, 0 to 1");
      if (perDay <= 0) throw new IllegalArgumentException("per-day > 0");
    }
  }

  private final HistoryClock clock;
  private final Settings settings;
  private final HistoryStory story;
  private final TransactionTemplate tx;
  private final ProductManagement products;

  HistoryGenerator(
      HistoryClock clock,
      Settings settings,
      HistoryStory story,
      TransactionTemplate tx,
      ProductManagement products) {
    this.clock = clock;
    this.settings = settings;
    this.story = story;
    this.tx = tx;
    this.products = products;
  }

  static String productKey(int n) {
    return String.format("hist-%02d", n + 1);
  }

  @Override
  public void run(ApplicationArguments args) {
    if (settings.releases() <= 0 || products.exists(productKey(0))) {
      clock.release();
      return;
    }
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long span = Math.round(settings.releases() / settings.perDay() * 86_400);
    Instant start = end.minusSeconds(span);
    try {
      clock.set(start.minus(Duration.ofHours(1)));
      tx.executeWithoutResult(
          s -> {
            for (int p = 0; p < settings.products(); p++) {
              story.product(productKey(p), "History product " + (p + 1));
            }
          });
      Random random = new Random(13);
      double step = (double) span / settings.releases();
      int firstActive = (int) Math.round(settings.releases() * (1 - settings.active()));
      long began = System.nanoTime();
      for (int first = 0; first < settings.releases(); first += PER_TRANSACTION) {
        int from = first;
        int to = Math.min(settings.releases(), first + PER_TRANSACTION);
        tx.executeWithoutResult(
            s -> {
              for (int i = from; i < to; i++) {
                Fate fate = fate(i >= firstActive, random);
                String product = productKey(i % settings.products());
                story.release(product, start.plusSeconds(Math.round(step * i)), fate, random);
              }
            });
        int i = to - 1;
        if ((i + 1) % 1000 == 0 || i + 1 == settings.releases()) {
          double seconds = (System.nanoTime() - began) / 1e9;
          log.info(
              "History: {} of {} releases written ({} per second)",
              i + 1,
              settings.releases(),
              Math.round((i + 1) / seconds));
        }
      }
    } finally {
      clock.release();
    }
  }

  private static Fate fate(boolean active, Random random) {
    int r = random.nextInt(100);
    if (active) {
      return r < 40 ? Fate.PLANNED : r < 70 ? Fate.PREPARING : Fate.AWAITING_DECISION;
    }
    return r < 85 ? Fate.CLOSED : r < 95 ? Fate.CANCELLED : Fate.ROLLED_BACK;
  }
}
