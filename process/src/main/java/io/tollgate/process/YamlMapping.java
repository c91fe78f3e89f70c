package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the process file (the process, a step, a role, ...) read by hand, so that
 * every problem is reported with its line: a wrong node type, a missing, unknown or repeated key, a
 * value of the wrong kind. Getters report what is wrong and return a neutral value, so reading goes
 * on and finds every problem in one pass.
 */
final class YamlMapping {
  private final int line;
  private final String label;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMapping(int line, String label, Problems problems) {
    this.line = line;
    this.label = label;
    this.problems = problems;
  }

  /**
   * Wraps {@code node} when it is a mapping; reports it when it is not, and reports keys that
   * repeat or are not {@code allowed}.
   *
   * @param line the line that stands for the mapping in messages: its first line as a list item,
   *     the line of its key as the value of a key
   * @param label how messages name the mapping, e.g. {@code step 'backup'}
   */
  static Optional<YamlMapping> of(
      Node node, int line, String label, List<String> allowed, Problems problems) {
    if (!(node instanceof MappingNode mappingNode)) {
      problems.add(
          isNull(node) ? line : line(node),
          label
              + " must be a mapping with the keys "
              + String.join(", ", allowed)
              + ", but is "
              + describe(node));
      return Optional.empty();
    }
    YamlMapping mapping = new YamlMapping(line, label, problems);
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple entry : mappingNode.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
        problems.add(
            line(keyNode), label + " has a key that is " + describe(keyNode) + "; keys are names");
        continue;
      }
      String key = scalar.getValue();
      Integer first = seen.putIfAbsent(key, line(keyNode));
      if (first != null) {
        problems.add(
            line(keyNode),
            "key " + show(key) + " appears twice in " + label + " (first at line " + first + ")");
      } else if (!allowed.contains(key)) {
        problems.add(
            line(keyNode),
            label
                + " has unknown key "
                + show(key)
                + Problems.didYouMean(key, allowed)
                + "; allowed keys: "
                + String.join(", ", allowed));
      } else {
        mapping.entries.put(key, entry);
      }
    }
    return Optional.of(mapping);
  }

  /** The {@code key} of a mapping before it is wrapped, to name it in messages; null if none. */
  static String peekKey(Node node) {
    return peekKey(node, "key");
  }

  /** The value of {@code name} in a mapping before it is wrapped; null if none. */
  static String peekKey(Node node, String name) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        if (entry.getKeyNode() instanceof ScalarNode k
            && k.getValue().equals(name)
            && entry.getValueNode() instanceof ScalarNode v
            && !isNull(v)) {
          return v.getValue();
        }
      }
    }
    return null;
  }

  String label() {
    return label;
  }

  int line() {
    return line;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The line of the value of {@code key}; of the key itself when the value is empty or absent. */
  int lineOf(String key) {
    NodeTuple entry = entries.get(key);
    if (entry == null) {
      return line();
    }
    return isNull(entry.getValueNode()) ? line(entry.getKeyNode()) : line(entry.getValueNode());
  }

  /** The line of the key itself; of the mapping when the key is absent. */
  int keyLine(String key) {
    NodeTuple entry = entries.get(key);
    return entry == null ? line() : line(entry.getKeyNode());
  }

  /** True when {@code key} is absent, empty or an empty list. */
  boolean listsNothing(String key) {
    Node value = value(key);
    return isNull(value) || value instanceof SequenceNode sequence && sequence.getValue().isEmpty();
  }

  Node value(String key) {
    NodeTuple entry = entries.get(key);
    return entry == null ? null : entry.getValueNode();
  }

  /** An optional text; null when absent or empty. */
  String text(String key) {
    Ref ref = ref(key, false);
    return ref == null ? null : ref.value();
  }

  /** A required, non-blank text; null (reported) when absent, empty or not a text. */
  String requiredText(String key) {
    Ref ref = ref(key, true);
    return ref == null ? null : ref.value();
  }

  /** A text with its line; reports it as missing when {@code required}. */
  Ref ref(String key, boolean required) {
    Node value = value(key);
    if (value == null) {
      if (required) {
        problems.add(line(), label + " is missing the required key '" + key + "'");
      }
      return null;
    }
    if (isNull(value) || value instanceof ScalarNode s && s.getValue().isBlank()) {
      if (required) {
        problems.add(lineOf(key), "'" + key + "' of " + label + " is empty");
      }
      return null;
    }
    if (!(value instanceof ScalarNode scalar)) {
      problems.add(
          line(value), "'" + key + "' of " + label + " must be a text, but is " + describe(value));
      return null;
    }
    return new Ref(scalar.getValue(), line(value));
  }

  /** {@code true} or {@code false}; anything else is reported. */
  boolean bool(String key, boolean absent) {
    Ref ref = ref(key, false);
    if (ref == null) {
      return absent;
    }
    return switch (ref.value()) {
      case "true", "True", "TRUE" -> true;
      case "false", "False", "FALSE" -> false;
      default -> {
        problems.add(
            ref.line(),
            "'" + key + "' of " + label + " must be true or false, not " + show(ref.value()));
        yield absent;
      }
    };
  }

  /**
   * One of a fixed set of names (kind, check, action); {@code absent} when the key is absent, null
   * (reported) when it names none of them, so checks that depend on the value can be skipped.
   */
  <E> E choice(String key, E absent, List<E> values, Function<E, String> name) {
    Ref ref = ref(key, false);
    if (ref == null) {
      return absent;
    }
    for (E value : values) {
      if (name.apply(value).equals(ref.value())) {
        return value;
      }
    }
    List<String> names = values.stream().map(name).toList();
    problems.add(
        ref.line(),
        "'"
            + key
            + "' of "
            + label
            + " is "
            + show(ref.value())
            + Problems.didYouMean(ref.value(), names)
            + "; use one of "
            + String.join(", ", names));
    return null;
  }

  /** The items of a list; empty when absent or empty, and (reported) when not a list. */
  List<Node> items(String key, String what) {
    Node value = value(key);
    if (value == null || isNull(value)) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      String hint =
          value instanceof ScalarNode s ? " (write it as a list: [" + s.getValue() + "])" : "";
      problems.add(
          line(value),
          "'"
              + key
              + "' of "
              + label
              + " must be a list of "
              + what
              + ", but is "
              + describe(value)
              + hint);
      return List.of();
    }
    return sequence.getValue();
  }

  /** A list of texts with their lines; an item that is no text, or repeats, is reported. */
  List<Ref> refs(String key, String what) {
    List<Ref> refs = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Node item : items(key, what)) {
      if (!(item instanceof ScalarNode scalar) || isNull(item) || scalar.getValue().isBlank()) {
        problems.add(
            line(item),
            "'" + key + "' of " + label + " must list " + what + ", but has " + describe(item));
        continue;
      }
      Integer first = seen.putIfAbsent(scalar.getValue(), line(item));
      if (first != null) {
        problems.add(
            line(item),
            "'"
                + key
                + "' of "
                + label
                + " lists "
                + show(scalar.getValue())
                + " twice (first at line "
                + first
                + ")");
        continue;
      }
      refs.add(new Ref(scalar.getValue(), line(item)));
    }
    return refs;
  }

  /**
   * A list of release types; {@code absent} when the key is absent. An empty list is reported
   * unless {@code emptyAllowed}.
   */
  Set<ReleaseType> types(String key, Set<ReleaseType> absent, boolean emptyAllowed) {
    if (value(key) == null || isNull(value(key))) {
      return absent;
    }
    List<Ref> refs = refs(key, "release types (patch, minor, major)");
    Set<ReleaseType> types = EnumSet.noneOf(ReleaseType.class);
    for (Ref ref : refs) {
      Optional<ReleaseType> type = ReleaseType.parse(ref.value());
      if (type.isPresent() && type.get().id().equals(ref.value())) {
        types.add(type.get());
      } else {
        problems.add(
            ref.line(),
            "'"
                + key
                + "' of "
                + label
                + " names unknown release type "
                + show(ref.value())
                + "; use patch, minor or major");
      }
    }
    if (refs.isEmpty() && !emptyAllowed && value(key) instanceof SequenceNode) {
      problems.add(
          lineOf(key),
          "'"
              + key
              + "' of "
              + label
              + " is empty; name patch, minor and/or major, or leave it out to apply to every"
              + " release type");
      return absent;
    }
    return types;
  }

  /** A nested mapping; empty when absent, and (reported) when not a mapping. */
  Optional<YamlMapping> mapping(String key, String nestedLabel, List<String> allowed) {
    Node value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    return of(value, keyLine(key), nestedLabel, allowed, problems);
  }

  static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  static boolean isNull(Node node) {
    return node == null || Tag.NULL.equals(node.getTag());
  }

  static String describe(Node node) {
    if (isNull(node)) {
      return "empty";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "the text " + show(((ScalarNode) node).getValue());
  }
}
