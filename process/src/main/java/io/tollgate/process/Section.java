package io.tollgate.process;

import static io.tollgate.process.Problems.show;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The keyed items of one list of the process file (roles, requirements, steps, ...), indexed by key
 * before any item is read in full, so references may point forward.
 */
final class Section {
  static final Pattern ITEM_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  static final String ITEM_KEY_RULE =
      "letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters";

  /**
   * One item of the list; {@code key} is null when it is missing, malformed or repeated (each
   * reported), so later checks skip the item but its other keys are still read.
   */
  record Item(String key, int keyLine, YamlMapping fields) {}

  private final String plural;
  private final List<Item> items = new ArrayList<>();
  private final Map<String, Item> byKey = new LinkedHashMap<>();

  private Section(String plural) {
    this.plural = plural;
  }

  static Section empty(String plural) {
    return new Section(plural);
  }

  /**
   * Reads {@code parent.listKey} as a list of mappings with the keys {@code allowed}, each with a
   * unique {@code key} matching {@code keyPattern}.
   */
  static Section read(
      YamlMapping parent,
      String listKey,
      String noun,
      String plural,
      List<String> allowed,
      Pattern keyPattern,
      String keyRule,
      Problems problems) {
    Section section = new Section(plural);
    List<Node> nodes = parent.items(listKey, plural);
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String peeked = YamlNodes.peekKey(node);
      String label = peeked != null ? noun + " " + show(peeked) : noun + " #" + (i + 1);
      YamlMapping fields =
          YamlMapping.of(node, itemLine(parent, listKey, node), label, allowed, problems)
              .orElse(null);
      if (fields == null) {
        continue;
      }
      Ref key = fields.ref("key", true);
      String accepted = null;
      if (key != null) {
        Item first = section.byKey.get(key.value());
        if (!keyPattern.matcher(key.value()).matches()) {
          problems.add(
              key.line(), noun + " key " + show(key.value()) + " is not valid; use " + keyRule);
        } else if (first != null) {
          problems.add(
              key.line(),
              noun
                  + " key "
                  + show(key.value())
                  + " is used twice (first at line "
                  + first.keyLine()
                  + "); "
                  + noun
                  + " keys must be unique");
        } else {
          accepted = key.value();
        }
      }
      Item item = new Item(accepted, key == null ? fields.line() : key.line(), fields);
      section.items.add(item);
      if (accepted != null) {
        section.byKey.put(accepted, item);
      }
    }
    return section;
  }

  private static int itemLine(YamlMapping parent, String listKey, Node item) {
    return YamlNodes.isNull(item) ? parent.lineOf(listKey) : YamlNodes.line(item);
  }

  /** Every item that is a mapping, in file order, including those without a usable key. */
  List<Item> items() {
    return items;
  }

  /** The items with a usable key, in file order. */
  List<Item> keyed() {
    return items.stream().filter(i -> i.key() != null).toList();
  }

  Set<String> keys() {
    return byKey.keySet();
  }

  boolean contains(String key) {
    return byKey.containsKey(key);
  }

  Item get(String key) {
    return byKey.get(key);
  }

  /**
   * Reports {@code ref} when no item has that key: {@code <problem> 'x' (did you mean 'y'?); known
   * steps: a, b}.
   */
  boolean check(Ref ref, String problem, Problems problems) {
    if (byKey.containsKey(ref.value())) {
      return true;
    }
    problems.add(
        ref.line(),
        problem
            + " "
            + show(ref.value())
            + Problems.didYouMean(ref.value(), byKey.keySet())
            + "; "
            + Problems.known(plural, byKey.keySet()));
    return false;
  }
}
