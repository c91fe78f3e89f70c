package io.tollgate.calendar;

import io.tollgate.release.ReleaseStatus;
import io.tollgate.release.WindowedRelease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which releases' windows collide: two releases of one product whose windows share a moment. A
 * window has no environment of its own and every environment belongs to one product, so releases
 * that overlap on one environment are releases that overlap on one product. A cancelled release
 * holds no window and collides with nothing.
 */
public final class Conflicts {
  private Conflicts() {}

  /** For each release id, the ids of the releases it collides with, sorted; none: absent. */
  public static Map<String, List<String>> among(List<WindowedRelease> releases) {
    Map<String, List<WindowedRelease>> byProduct = new LinkedHashMap<>();
    for (WindowedRelease r : releases) {
      if (r.status() == ReleaseStatus.CANCELLED) continue;
      byProduct.computeIfAbsent(r.product(), k -> new ArrayList<>()).add(r);
    }
    Map<String, TreeSet<String>> found = new LinkedHashMap<>();
    for (List<WindowedRelease> list : byProduct.values()) {
      list.sort(Comparator.comparing(WindowedRelease::start).thenComparing(WindowedRelease::id));
      for (int i = 0; i < list.size(); i++) {
        WindowedRelease a = list.get(i);
        // sorted by start: once a later window starts after a's end, none after it overlaps a
        for (int j = i + 1; j < list.size() && !list.get(j).start().isAfter(a.end()); j++) {
          WindowedRelease b = list.get(j);
          if (a.overlaps(b)) {
            found.computeIfAbsent(a.id(), k -> new TreeSet<>()).add(b.id());
            found.computeIfAbsent(b.id(), k -> new TreeSet<>()).add(a.id());
          }
        }
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    found.forEach((id, others) -> out.put(id, List.copyOf(others)));
    return out;
  }
}
