package io.tollgate.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a process file (YAML, format in {@code docs/process-format.md}) into a validated {@link
 * ProcessDefinition}. Nothing but {@link InvalidProcessException} leaves {@link #parse}: malformed
 * YAML, a wrong structure and broken rules all become {@link ProcessError}s with their line, all of
 * them in one go.
 *
 * <p>Untrusted input is safe to pass: the file is limited to {@value #MAX_BYTES} bytes, to {@value
 * #MAX_NESTING} levels of nesting and to {@value #MAX_COLLECTION_ALIASES} aliases of lists or
 * mappings (so an alias bomb cannot expand), and it is only composed into nodes, never constructed
 * into arbitrary objects.
 */
public final class ProcessParser {
  /** The id of the process built into Tollgate: the OctoAcme Release &amp; Deployment Guide. */
  public static final String BUILT_IN = "octoacme-standard";

  /**
   * The built-in process with separation of duties, shipped and loaded next to the standard one.
   */
  public static final String STRICT = "octoacme-strict";

  /** Every process shipped with Tollgate, the default first. */
  public static final java.util.List<String> SHIPPED = java.util.List.of(BUILT_IN, STRICT);

  /** The largest process file accepted, in bytes of UTF-8 (1 MiB). */
  public static final int MAX_BYTES = 1 << 20;

  static final int MAX_NESTING = 20;
  static final int MAX_COLLECTION_ALIASES = 20;

  /**
   * What the file may amount to once every alias is replaced by what it stands for (scalar text,
   * counted in characters): the same as the file itself may be, so aliases cannot make a small file
   * into a large process.
   */
  static final int MAX_EXPANDED_CHARS = MAX_BYTES;

  /** Aliases of any kind (scalars included) in one file. */
  static final int MAX_ALIASES = 200;

  private ProcessParser() {}

  /**
   * @throws InvalidProcessException carrying every problem found, each with its 1-based line
   */
  public static ProcessDefinition parse(String yaml) {
    Problems problems = new Problems();
    ProcessDefinition definition = read(yaml, problems);
    if (definition == null || !problems.isEmpty()) {
      throw new InvalidProcessException(problems.sorted());
    }
    return definition;
  }

  /** Every problem of a process file, by line; empty when the file is a valid process. */
  public static List<ProcessError> validate(String yaml) {
    try {
      parse(yaml);
      return List.of();
    } catch (InvalidProcessException e) {
      return e.errors();
    }
  }

  /** The built-in {@value #BUILT_IN} process, parsed once. */
  public static ProcessDefinition builtIn() {
    return BuiltIn.DEFINITION;
  }

  /** The YAML text of the built-in process, e.g. to store it as the first version. */
  public static String builtInYaml() {
    return BuiltIn.YAML;
  }

  private static ProcessDefinition read(String yaml, Problems problems) {
    if (yaml == null || yaml.isBlank()) {
      problems.add(1, "the process file is empty");
      return null;
    }
    // a char is at least one UTF-8 byte, so the cheap length check comes first
    if (yaml.length() > MAX_BYTES || yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      problems.add(
          0,
          "the process file is larger than " + MAX_BYTES + " bytes (1 MiB); Tollgate refuses it");
      return null;
    }
    Node root;
    try {
      root = yaml().compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      problems.add(line(e.getProblemMark(), e.getContextMark()), "bad YAML: " + describe(e));
      return null;
    } catch (YAMLException e) {
      problems.add(locateLimit(yaml), "bad YAML: " + describe(e));
      return null;
    } catch (RuntimeException | StackOverflowError e) {
      problems.add(
          1, "bad YAML: the file could not be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    if (root == null) {
      problems.add(1, "the process file is empty");
      return null;
    }
    if (!withinExpansionLimits(yaml, problems)) return null;
    return new ProcessReader(problems).read(root);
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    // compose() builds nodes only; the safe constructor is there should anyone ever call load()
    return new Yaml(new SafeConstructor(options));
  }

  private static int line(Mark problem, Mark context) {
    Mark mark = problem != null ? problem : context;
    return mark == null ? 1 : mark.getLine() + 1;
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() != null ? e.getProblem() : "unreadable YAML";
    if (e.getContext() != null && e.getContextMark() != null) {
      return problem
          + " ("
          + e.getContext()
          + " at line "
          + (e.getContextMark().getLine() + 1)
          + ")";
    }
    return problem;
  }

  private static String describe(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Number of aliases")) {
      return "more than "
          + MAX_COLLECTION_ALIASES
          + " aliases of lists or mappings; Tollgate refuses them so that a small file cannot"
          + " expand into a huge one";
    }
    if (message.startsWith("Nesting Depth")) {
      return "nested more than " + MAX_NESTING + " levels deep";
    }
    if (message.contains("exceeds the limit")) {
      return "the file is larger than " + MAX_BYTES + " characters (1 MiB)";
    }
    return message;
  }

  /**
   * The line where the file crosses the nesting or alias limit; SnakeYAML reports those without a
   * position, so the events are read again, counting as the composer does.
   */
  private static int locateLimit(String yaml) {
    try {
      int depth = 0;
      int aliases = 0;
      Set<String> collectionAnchors = new HashSet<>();
      for (Event event : yaml().parse(new StringReader(yaml))) {
        int line = event.getStartMark() == null ? 1 : event.getStartMark().getLine() + 1;
        if (event instanceof CollectionStartEvent start) {
          if (start.getAnchor() != null) {
            collectionAnchors.add(start.getAnchor());
          }
          if (++depth > MAX_NESTING) {
            return line;
          }
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        } else if (event instanceof AliasEvent alias
            && collectionAnchors.contains(alias.getAnchor())
            && ++aliases > MAX_COLLECTION_ALIASES) {
          return line;
        }
      }
    } catch (RuntimeException e) {
      // fall through: the line is unknown
    }
    return 1;
  }

  /**
   * Whether the file, with its aliases expanded, stays within {@link #MAX_EXPANDED_CHARS} and
   * {@link #MAX_ALIASES}; SnakeYAML counts only aliases of collections, so a scalar anchored once
   * and aliased many times would otherwise expand unchecked. Reports the line where a limit is
   * crossed.
   */
  private static boolean withinExpansionLimits(String yaml, Problems problems) {
    java.util.Map<String, Long> sizes = new java.util.HashMap<>();
    java.util.Deque<long[]> open = new java.util.ArrayDeque<>(); // size so far of each collection
    java.util.Deque<String> anchors = new java.util.ArrayDeque<>();
    long total = 0;
    int aliases = 0;
    for (Event event : yaml().parse(new StringReader(yaml))) {
      int line = event.getStartMark() == null ? 1 : event.getStartMark().getLine() + 1;
      long size = -1;
      if (event instanceof CollectionStartEvent start) {
        open.push(new long[] {0});
        anchors.push(start.getAnchor() == null ? "" : start.getAnchor());
        continue;
      } else if (event instanceof CollectionEndEvent) {
        size = open.pop()[0];
        String anchor = anchors.pop();
        if (!anchor.isEmpty()) sizes.put(anchor, size);
      } else if (event instanceof org.yaml.snakeyaml.events.ScalarEvent scalar) {
        size = scalar.getValue().length();
        if (scalar.getAnchor() != null) sizes.put(scalar.getAnchor(), size);
        total += size;
      } else if (event instanceof AliasEvent alias) {
        if (++aliases > MAX_ALIASES) {
          problems.add(
              line, "more than " + MAX_ALIASES + " aliases (*name); Tollgate refuses them");
          return false;
        }
        size = sizes.getOrDefault(alias.getAnchor(), 0L);
        total += size;
      }
      if (size >= 0 && !open.isEmpty()) open.peek()[0] += size;
      if (total > MAX_EXPANDED_CHARS) {
        problems.add(
            line,
            "the file expands to more than "
                + MAX_EXPANDED_CHARS
                + " characters through its aliases (*name); Tollgate refuses it so that a small"
                + " file cannot become a huge process");
        return false;
      }
    }
    return true;
  }

  private static final class BuiltIn {
    static final String YAML = load();
    static final ProcessDefinition DEFINITION = parse(YAML);

    private static String load() {
      try (InputStream in = ProcessParser.class.getResourceAsStream(BUILT_IN + ".yaml")) {
        if (in == null) {
          throw new IllegalStateException("the built-in process " + BUILT_IN + ".yaml is missing");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
