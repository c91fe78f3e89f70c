package io.tollgate.release;

import java.time.Instant;
import java.util.List;

/** Which incidents were opened on releases; provided by the incident feature. */
public interface IncidentLookup {
  List<String> incidentsOf(ReleaseId release);

  /** Open incidents on the given products, oldest first. */
  List<OpenIncident> openIncidents(List<String> products);

  /** An open incident as boards and banners show it. */
  record OpenIncident(
      String id,
      String release,
      String product,
      String version,
      String severity,
      String summary,
      Instant openedAt) {}
}
