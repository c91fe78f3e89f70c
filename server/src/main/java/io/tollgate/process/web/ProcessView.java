package io.tollgate.process.web;

import io.tollgate.process.ProcessDefinition;
import io.tollgate.process.ProcessVersion;
import io.tollgate.process.ReleaseType;
import io.tollgate.process.Role;
import io.tollgate.process.StepDef;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process version as the page draws it: the checklist as stages in dependency order (a step sits
 * one stage after the last step it waits for), with names for the roles it mentions.
 */
record ProcessView(
    ProcessVersion version,
    List<ProcessVersion> versions,
    List<Stage> flow,
    Map<String, String> roleNames,
    String publishedAt) {

  static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Steps that may run once every earlier stage is through. */
  record Stage(int index, List<Node> nodes) {}

  /**
   * A step in the flow; {@code waitsForEarlier}: the decision step, which waits for every step
   * listed before it besides its {@code after}.
   */
  record Node(StepDef step, boolean waitsForEarlier, String onlyFor) {}

  static ProcessView of(ProcessVersion version, List<ProcessVersion> versions) {
    ProcessDefinition d = version.definition();
    Map<String, String> names = new LinkedHashMap<>();
    d.roles().forEach(r -> names.put(r.key(), r.name()));
    return new ProcessView(
        version, versions, stages(d.steps()), names, UTC.format(version.createdAt()));
  }

  public ProcessDefinition definition() {
    return version.definition();
  }

  public String role(String key) {
    return roleNames.getOrDefault(key, key);
  }

  /** "Release Manager, Support/Customer Success Specialist" for a list of role keys. */
  public String roles(Collection<String> keys) {
    return String.join(", ", keys.stream().map(this::role).toList());
  }

  public String title(String stepKey) {
    return definition().step(stepKey).map(StepDef::title).orElse(stepKey);
  }

  public boolean isDecision(String stepKey) {
    return definition().step(stepKey).map(StepDef::isDecision).orElse(false);
  }

  public Role roleOf(String key) {
    return definition().role(key).orElse(null);
  }

  public String published(ProcessVersion v) {
    return UTC.format(v.createdAt());
  }

  /** "every type" or "major" — release types, in their natural order. */
  public String types(Set<ReleaseType> types) {
    return typeList(types);
  }

  private static String typeList(Set<ReleaseType> types) {
    if (types.equals(EnumSet.allOf(ReleaseType.class))) return "every type";
    if (types.isEmpty()) return "no type";
    return String.join(
        ", ",
        Arrays.stream(ReleaseType.values()).filter(types::contains).map(ReleaseType::id).toList());
  }

  /**
   * Stages by longest path from a step with nothing to wait for; within a stage, file order. The
   * parser has already refused cycles, so every step gets a stage.
   */
  static List<Stage> stages(List<StepDef> steps) {
    Map<String, List<String>> waitsFor = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      StepDef s = steps.get(i);
      List<String> deps = new ArrayList<>(s.after());
      if (s.isDecision()) {
        steps.subList(0, i).forEach(before -> deps.add(before.key()));
      }
      waitsFor.put(s.key(), deps);
    }
    Map<String, Integer> remaining = new LinkedHashMap<>();
    Map<String, List<String>> unblocks = new LinkedHashMap<>();
    steps.forEach(s -> unblocks.put(s.key(), new ArrayList<>()));
    waitsFor.forEach(
        (key, deps) -> {
          List<String> known = deps.stream().distinct().filter(unblocks::containsKey).toList();
          remaining.put(key, known.size());
          known.forEach(dep -> unblocks.get(dep).add(key));
        });
    Map<String, Integer> level = new LinkedHashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    steps.stream().filter(s -> remaining.get(s.key()) == 0).forEach(s -> ready.add(s.key()));
    steps.forEach(s -> level.put(s.key(), 0));
    while (!ready.isEmpty()) {
      String key = ready.removeFirst();
      for (String next : unblocks.get(key)) {
        level.put(next, Math.max(level.get(next), level.get(key) + 1));
        if (remaining.merge(next, -1, Integer::sum) == 0) ready.addLast(next);
      }
    }
    int stages = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<Stage> flow = new ArrayList<>();
    for (int i = 0; i < stages; i++) {
      int at = i;
      List<Node> nodes =
          steps.stream()
              .filter(s -> level.get(s.key()) == at)
              .map(
                  s ->
                      new Node(
                          s,
                          s.isDecision() && steps.indexOf(s) > 0,
                          s.appliesTo().equals(EnumSet.allOf(ReleaseType.class))
                              ? null
                              : typeList(s.appliesTo())))
              .toList();
      flow.add(new Stage(i + 1, nodes));
    }
    return flow;
  }
}
