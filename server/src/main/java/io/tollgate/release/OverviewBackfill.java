package io.tollgate.release;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start, fills in the overview of releases saved before it was kept beside their documents
 * (migration V102 marked them '?', which counts as waiting on every role until then).
 */
@Component
class OverviewBackfill implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(OverviewBackfill.class);
  private final UnderWayReleases releases;

  OverviewBackfill(UnderWayReleases releases) {
    this.releases = releases;
  }

  @Override
  public void run(ApplicationArguments args) {
    int done = 0;
    int n;
    do {
      n = releases.backfillOverviews(500);
      done += n;
    } while (n == 500);
    if (done > 0) log.info("Recomputed the board overview of {} releases under way", done);
  }
}
