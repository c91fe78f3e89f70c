package io.tollgate.release;

import java.util.List;

/** Which incidents were opened on a release; provided by the incident feature. */
public interface IncidentLookup {
  List<String> incidentsOf(ReleaseId release);
}
