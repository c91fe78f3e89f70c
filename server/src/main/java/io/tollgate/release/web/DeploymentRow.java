package io.tollgate.release.web;

import io.tollgate.release.DeploymentRecord;
import io.tollgate.shared.web.Fmt;

/** One deployment the release made, on the release page. */
record DeploymentRow(
    String environment,
    String version,
    String outcome,
    String label,
    String badge,
    String by,
    String at,
    String step) {

  static DeploymentRow of(DeploymentRecord d, Fmt fmt) {
    return new DeploymentRow(
        d.environment(),
        d.version(),
        d.outcome() == null ? "" : d.outcome().id(),
        d.outcome() == null ? "" : d.outcome().icon() + " " + d.outcome().id(),
        d.outcome() == null ? "st-pending" : "st-" + d.outcome().id(),
        d.by(),
        fmt.time(d.at()),
        d.step());
  }
}
