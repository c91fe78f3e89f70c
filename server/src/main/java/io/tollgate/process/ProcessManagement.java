package io.tollgate.process;

import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditRecord;
import io.tollgate.process.internal.ProcessStore;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.NotFound;
import io.tollgate.shared.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores processes as versions. Publishing an existing id makes a new version; a release keeps the
 * version it began with, so versions are never changed.
 */
@Service
public class ProcessManagement {
  private final ProcessStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, ProcessDefinition> parsed = new ConcurrentHashMap<>();

  ProcessManagement(ProcessStore store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public ProcessVersion latest(String id) {
    return store
        .latest(id)
        .map(this::toVersion)
        .orElseThrow(
            () -> NotFound.of("process", id, "List processes with GET /api/v1/processes."));
  }

  @Transactional(readOnly = true)
  public ProcessVersion version(String id, int version) {
    return store
        .find(id, version)
        .map(this::toVersion)
        .orElseThrow(() -> NotFound.of("process version", id + " v" + version));
  }

  /** The definition of one version; versions never change, so it is parsed once per node. */
  public ProcessDefinition definition(String id, int version) {
    ProcessDefinition cached = parsed.get(id + "@" + version);
    return cached != null ? cached : version(id, version).definition();
  }

  /** Every version of a process, newest first; a version list to pick from. */
  @Transactional(readOnly = true)
  public List<ProcessVersion> versions(String id) {
    List<ProcessVersion> versions = store.versions(id).stream().map(this::toVersion).toList();
    if (versions.isEmpty()) {
      throw NotFound.of("process", id, "List processes with GET /api/v1/processes.");
    }
    return versions;
  }

  @Transactional(readOnly = true)
  public List<ProcessVersion> all() {
    return store.latestOfEach().stream().map(this::toVersion).toList();
  }

  /**
   * Publishes a process from YAML: a new id starts at version 1, a known id gets the next version.
   */
  @Transactional
  public ProcessVersion publish(Actor by, String source) {
    if (!by.admin()) {
      throw Forbidden.because("Publishing processes is for the system administrator.");
    }
    return publishUnchecked(by, source);
  }

  ProcessVersion publishUnchecked(Actor by, String source) {
    ProcessDefinition definition;
    try {
      definition = ProcessParser.parse(source == null ? "" : source);
    } catch (InvalidProcessException e) {
      throw Invalid.because(
          "The process file is invalid: " + e.errors().size() + " problem(s). " + e.getMessage(),
          e.errors().stream()
              .map(err -> new Invalid.FieldError(err.line(), err.message()))
              .toList());
    }
    int version = store.latest(definition.id()).map(r -> r.version() + 1).orElse(1);
    ProcessStore.Row row =
        new ProcessStore.Row(
            definition.id(), version, definition.name(), source, Timestamps.now(clock));
    store.insert(row, by.username());
    parsed.put(definition.id() + "@" + version, definition);
    audit.append(
        AuditRecord.of(
            "process.published",
            by,
            null,
            "process/" + definition.id(),
            null,
            Map.of("process", definition.id(), "version", version, "name", definition.name())));
    return new ProcessVersion(
        definition.id(), version, definition.name(), definition, source, row.createdAt());
  }

  /**
   * Stores each bundled built-in process ({@link ProcessParser#SHIPPED}) when missing or changed.
   */
  @Transactional
  public void ensureBuiltIn() {
    for (String id : ProcessParser.SHIPPED) ensureShipped(id);
  }

  private void ensureShipped(String id) {
    String source;
    try (InputStream in = ProcessParser.class.getResourceAsStream(id + ".yaml")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(
          "The built-in process " + id + " is missing from the build", e);
    }
    var latest = store.latest(id);
    if (latest.isEmpty() || !latest.get().source().equals(source)) {
      publishUnchecked(Actor.SYSTEM, source);
    }
  }

  private ProcessVersion toVersion(ProcessStore.Row row) {
    ProcessDefinition def =
        parsed.computeIfAbsent(
            row.id() + "@" + row.version(), k -> ProcessParser.parse(row.source()));
    return new ProcessVersion(
        row.id(), row.version(), row.name(), def, row.source(), row.createdAt());
  }
}
