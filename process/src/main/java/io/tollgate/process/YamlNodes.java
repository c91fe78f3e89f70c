package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What a raw YAML node is, for messages and for naming it before it is read: its line, whether it
 * is empty, how to describe it ("a list", "the text 'x'"), and a key peeked from a mapping that is
 * not wrapped in a {@link YamlMapping} yet.
 */
final class YamlNodes {
  private YamlNodes() {}

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
