package io.tollgate.process;

import static io.tollgate.process.Problems.show;
import static io.tollgate.process.YamlNodes.describe;
import static io.tollgate.process.YamlNodes.isNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
          isNull(node) ? line : YamlNodes.line(node),
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
            YamlNodes.line(keyNode),
            label + " has a key that is " + describe(keyNode) + "; keys are names");
        continue;
      }
      String key = scalar.getValue();
      Integer first = seen.putIfAbsent(key, YamlNodes.line(keyNode));
      if (first != null) {
        problems.add(
            YamlNodes.line(keyNode),
            "key " + show(key) + " appears twice in " + label + " (first at line " + first + ")");
      } else if (!allowed.contains(key)) {
        problems.add(
            YamlNodes.line(keyNode),
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

  String label() {
    return label;
  }

  Problems problems() {
    return problems;
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
    return isNull(entry.getValueNode())
        ? YamlNodes.line(entry.getKeyNode())
        : YamlNodes.line(entry.getValueNode());
  }

  /** The line of the key itself; of the mapping when the key is absent. */
  int keyLine(String key) {
    NodeTuple entry = entries.get(key);
    return entry == null ? line() : YamlNodes.line(entry.getKeyNode());
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
          YamlNodes.line(value),
          "'" + key + "' of " + label + " must be a text, but is " + describe(value));
      return null;
    }
    return new Ref(scalar.getValue(), YamlNodes.line(value));
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
          YamlNodes.line(value),
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
            YamlNodes.line(item),
            "'" + key + "' of " + label + " must list " + what + ", but has " + describe(item));
        continue;
      }
      Integer first = seen.putIfAbsent(scalar.getValue(), YamlNodes.line(item));
      if (first != null) {
        problems.add(
            YamlNodes.line(item),
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
      refs.add(new Ref(scalar.getValue(), YamlNodes.line(item)));
    }
    return refs;
  }

  /** A nested mapping; empty when absent, and (reported) when not a mapping. */
  Optional<YamlMapping> mapping(String key, String nestedLabel, List<String> allowed) {
    Node value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    return of(value, keyLine(key), nestedLabel, allowed, problems);
  }
}
