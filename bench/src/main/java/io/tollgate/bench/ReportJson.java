package io.tollgate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A run's {@link Report} as JSON: the same figures as the text, for tools and later comparison. */
final class ReportJson {
  private ReportJson() {}

  static String of(Report r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("label", r.options.label());
    root.put("baseUrl", r.options.baseUrl());
    root.put("startedAt", r.startedAt.toString());
    root.put("clients", r.options.clients());
    root.put("durationSeconds", r.options.durationSeconds());
    root.put("warmupSeconds", r.options.warmupSeconds());
    root.put("offeredReleasesPerSecond", r.options.rate() > 0 ? r.options.rate() : null);
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    root.put("java", System.getProperty("java.version"));
    root.put("sliceSeconds", LoadDriver.SLICE_SECONDS);
    root.put("setup", r.setup);
    Map<String, Object> settled = new LinkedHashMap<>();
    settled.put("seconds", round(r.settle.seconds()));
    settled.put("releases", r.settle.releases());
    settled.put("settled", r.settle.settled());
    settled.put("lastWindow", r.settle.lastWindow() == null ? null : r.settle.lastWindow().json());
    root.put("settle", settled);

    Map<String, Object> phases = new LinkedHashMap<>();
    phases.put("ping", ratePhase(r.ping));
    phases.put("liveness", ratePhase(r.liveness));
    phases.put("read", ratePhase(r.read));
    Map<String, Object> rel = new LinkedHashMap<>();
    Stats s = r.releases.stats();
    rel.put("seconds", round(r.releases.seconds()));
    rel.put("releasesClosed", s.releasesClosed);
    rel.put("releasesPerSecond", round(r.releasesPerSecond()));
    rel.put("releasesAborted", s.releasesAborted);
    rel.put("releasesNotClosed", s.releasesNotClosed);
    rel.put("unfinishedClients", r.releases.unfinishedClients());
    rel.put("conditions", r.releases.conditions().json());
    rel.put("commands", commands(s));
    phases.put("release", rel);
    root.put("phases", phases);

    Map<String, Object> targets = new LinkedHashMap<>();
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("value", round(r.readRatio()));
    ratio.put("target", LoadDriver.READ_RATIO_TARGET);
    ratio.put("met", r.readTargetMet());
    targets.put("readRatio", ratio);
    Map<String, Object> p99 = new LinkedHashMap<>();
    Map.Entry<String, Stats.Command> worst = r.worstCommand();
    p99.put("worstCommand", worst == null ? null : worst.getKey());
    p99.put("worstP99Ms", worst == null ? null : round(worst.getValue().millisAt(99)));
    p99.put("targetMs", LoadDriver.COMMAND_P99_TARGET_MS);
    p99.put("met", r.latencyTargetMet());
    targets.put("commandP99", p99);
    Stats.Command all = r.allCommands();
    Map<String, Object> pooled = new LinkedHashMap<>();
    pooled.put("calls", all.count());
    pooled.put("p50Millis", round(all.millisAt(50)));
    pooled.put("p99Millis", round(all.millisAt(99)));
    root.put("allCommands", pooled);
    targets.put("happyPathClean", r.happyPathClean());
    targets.put("steadyState", r.steadyState());
    root.put("targets", targets);
    root.put("errorSamples", r.errorSamples);
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    return mapper.writeValueAsString(root) + System.lineSeparator();
  }

  private static Map<String, Object> ratePhase(Phase.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", round(r.seconds()));
    m.put("requestsPerSecond", round(Report.rate(r)));
    m.put("unfinishedClients", r.unfinishedClients());
    m.put("conditions", r.conditions().json());
    m.put("commands", commands(r.stats()));
    return m;
  }

  private static List<Map<String, Object>> commands(Stats s) {
    List<Map<String, Object>> list = new ArrayList<>();
    s.commands()
        .forEach(
            (name, c) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("command", name);
              m.put("count", c.count());
              m.put("errors", c.errors());
              Map<String, Long> byStatus = new LinkedHashMap<>();
              c.errorsByStatus.forEach((status, n) -> byStatus.put(String.valueOf(status), n));
              m.put("errorsByStatus", byStatus);
              m.put("retries", c.retries);
              m.put("meanMs", round(c.count() == 0 ? 0 : c.latency.getMean() / 1000.0));
              m.put("p50Ms", round(c.millisAt(50)));
              m.put("p90Ms", round(c.millisAt(90)));
              m.put("p99Ms", round(c.millisAt(99)));
              m.put("maxMs", round(c.maxMillis()));
              list.add(m);
            });
    return list;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
