package io.tollgate.release;

import io.tollgate.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the production freezes mean for a release, for its pages and its plan answer: the freeze
 * occurrences ahead of it, and warnings about its planned window (see {@link FreezePolicy}). The
 * caller has read the release, so its membership is checked.
 */
@Service
public class ReleaseFreezes {
  private final ReleaseCommandRunner runner;
  private final Clock clock;

  ReleaseFreezes(ReleaseCommandRunner runner, Clock clock) {
    this.runner = runner;
    this.clock = clock;
  }

  /** The freeze occurrences that concern the release from now to {@code horizon}, in order. */
  @Transactional(readOnly = true)
  public List<FrozenPeriod> ahead(Release release, Duration horizon) {
    Instant now = Timestamps.now(clock);
    return runner.frozen(release, now, now.plus(horizon));
  }

  /** Warnings about the release's planned window: the freezes it overlaps. */
  @Transactional(readOnly = true)
  public List<String> windowWarnings(Release release) {
    Window w = release.window();
    if (w == null || w.start() == null) return List.of();
    Instant end = w.end() == null ? w.start().plusSeconds(1) : w.end();
    return FreezePolicy.windowWarnings(w, runner.frozen(release, w.start(), end));
  }
}
