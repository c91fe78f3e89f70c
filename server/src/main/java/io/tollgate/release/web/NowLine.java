package io.tollgate.release.web;

import io.tollgate.process.StepDef;
import io.tollgate.product.Member;
import io.tollgate.release.Release;
import io.tollgate.shared.Blocker;
import io.tollgate.shared.web.Fmt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The release page's one line of where things stand and whose turn it is. */
final class NowLine {
  private NowLine() {}

  /** "Now: … · Next: … (owner: people) · Blocked by … · waiting 3 h". */
  static String of(Release r, List<StepDef> actionable, List<Member> members, Instant now) {
    String waiting = "waiting " + Fmt.duration(Duration.between(r.lastActivityAt(), now));
    StringBuilder line = new StringBuilder("Now: ").append(r.status().id().replace('-', ' '));
    if (r.status().isFinished()) return line.append(" · nothing left to do").toString();
    if (!actionable.isEmpty()) {
      StepDef next = actionable.get(0);
      line.append(" · Next: ").append(next.title()).append(" (").append(next.owner());
      String people = ReleasePageModel.people(members, next.owner());
      if (!people.isEmpty()) line.append(": ").append(people);
      line.append(", ").append(waiting).append(")");
    }
    List<Blocker> go = r.goBlockers();
    if (!go.isEmpty() && r.latestDecision() == null) {
      line.append(" · Go blocked by ")
          .append(go.size())
          .append(go.size() == 1 ? " item: " : " items: ")
          .append(go.stream().limit(3).map(Blocker::key).collect(Collectors.joining(", ")))
          .append(go.size() > 3 ? ", …" : "");
    }
    return line.toString();
  }
}
