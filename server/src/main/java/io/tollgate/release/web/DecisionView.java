package io.tollgate.release.web;

import io.tollgate.release.Decision;
import io.tollgate.shared.web.Fmt;
import java.util.List;
import java.util.stream.Stream;

/** One go/no-go decision on the release page, with the snapshot it rests on. */
record DecisionView(
    String decision,
    String label,
    String badge,
    String rationale,
    String by,
    String at,
    List<String> snapshot,
    String commit,
    String staleBecause) {

  static DecisionView of(Decision d, Fmt fmt) {
    List<String> snapshot =
        Stream.concat(
                d.snapshot().requirements().stream()
                    .map(s -> s.status().icon() + " " + s.key() + " " + s.status().id()),
                d.snapshot().steps().stream()
                    .map(
                        s ->
                            s.status().icon()
                                + " "
                                + s.key()
                                + " "
                                + s.status().id()
                                + (s.outcome() == null ? "" : " (" + s.outcome().id() + ")")))
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    d.snapshot()
        .approvals()
        .forEach(a -> snapshot.add("✓ approved by " + a.by() + " as " + a.role()));
    d.snapshot()
        .overrides()
        .forEach(
            o ->
                snapshot.add(
                    "⚑ freeze override used by "
                        + o.step()
                        + " ("
                        + o.usedBy()
                        + "): asked by "
                        + o.requestedBy()
                        + ", approved by "
                        + o.approvedBy()
                        + " — "
                        + o.reason()));
    return new DecisionView(
        d.decision().id(),
        d.decision().icon() + " " + d.decision().id(),
        d.isGo() ? "st-go" : "st-no-go",
        d.rationale(),
        d.by(),
        fmt.time(d.at()),
        snapshot,
        d.commit(),
        d.staleBecause());
  }
}
