package io.tollgate.demo;

import io.tollgate.demo.HistoryStory.Fate;
import io.tollgate.product.ProductManagement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * awaiting the decision), the rest closed, cancelled or rolled back after an incident. The oldest
 * closed releases and the newest active ones ({@code history-seeds} in all, a third of them active)
 * go through the same commands as the API's; every other release is a copy of a seed with the same
 * fate, written in bulk ({@link HistoryCopies}). For the benchmarks that need a large history
 * (bench/README.md, "A large history"); the same seed gives the same history. Skipped when {@code
 * hist-01} exists.
 */
@Component
@ConditionalOnProperty("tollgate.demo.history")
@Order(15) // after the administrator is created (AdminBootstrap), before the demo
class HistoryGenerator implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(HistoryGenerator.class);

  /**
   * How much history to write: {@code perDay} releases planned a day, so a larger history reaches
   * further back at the same pace (a week or a month of it holds as many releases whatever its
   * size).
   */
  record Settings(int releases, int products, double active, double perDay, int seeds) {
    Settings {
      if (seeds < 1) throw new IllegalArgumentException("at least one seed release");
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
  private final HistoryCopies copies;

  HistoryGenerator(
      HistoryClock clock,
      Settings settings,
      HistoryStory story,
      TransactionTemplate tx,
      ProductManagement products,
      HistoryCopies copies) {
    this.copies = copies;
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
      write(start, end, span);
    } finally {
      clock.release();
    }
  }

  /**
   * The oldest closed and the newest active releases are seeds, each command in its own transaction
   * (so its audit events are at its moment); the releases between are copies of seeds with the same
   * fate ({@link HistoryCopies}).
   */
  private void write(Instant start, Instant end, long span) {
    Random random = new Random(13);
    double step = (double) span / settings.releases();
    int n = settings.releases();
    int firstActive = (int) Math.round(n * (1 - settings.active()));
    int activeSeeds = Math.min(n - firstActive, settings.seeds() / 3);
    int closedSeeds = Math.min(firstActive, settings.seeds() - activeSeeds);
    List<HistoryCopies.Slot> copies = new ArrayList<>();
    Map<Fate, List<String>> seeds = new EnumMap<>(Fate.class);
    long began = System.nanoTime();
    int seeded = 0;
    for (int i = 0; i < n; i++) {
      Fate fate = fate(i >= firstActive, random);
      String product = productKey(i % settings.products());
      Instant at = start.plusSeconds(Math.round(step * i));
      if (i < closedSeeds || i >= n - activeSeeds) {
        // each command its own transaction, as through the API
        String id = story.release(product, at, end, fate, random);
        seeds.computeIfAbsent(fate, f -> new ArrayList<>()).add(id);
        if (++seeded % 50 == 0) progress(seeded, began);
      } else {
        copies.add(new HistoryCopies.Slot(at, product, fate));
      }
    }
    // a fate no seed drew (a small history): its copies go through the commands too
    for (HistoryCopies.Slot slot : List.copyOf(copies)) {
      if (!seeds.containsKey(slot.fate())) {
        story.release(slot.product(), slot.at(), end, slot.fate(), random);
        copies.remove(slot);
        seeded++;
      }
    }
    log.info("History: {} seed releases written through the commands", seeded);
    clock.release();
    long copying = System.nanoTime();
    int copied = this.copies.copy(copies, seeds, end, random);
    log.info(
        "History: {} of {} releases written ({} copies, {} per second)",
        seeded + copied,
        n,
        copied,
        Math.round(copied / Math.max(1e-3, (System.nanoTime() - copying) / 1e9)));
  }

  private void progress(int written, long began) {
    double seconds = (System.nanoTime() - began) / 1e9;
    log.info(
        "History: {} of {} releases written ({} per second)",
        written,
        settings.releases(),
        Math.round(written / seconds));
  }

  private static Fate fate(boolean active, Random random) {
    int r = random.nextInt(100);
    if (active) {
      return r < 40 ? Fate.PLANNED : r < 70 ? Fate.PREPARING : Fate.AWAITING_DECISION;
    }
    return r < 85 ? Fate.CLOSED : r < 95 ? Fate.CANCELLED : Fate.ROLLED_BACK;
  }
}
