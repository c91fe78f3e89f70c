package io.tollgate.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Structural and textual mutations of a process file, for the fuzz tests: the file is loaded into
 * maps and lists, changed (keys deleted, reordered and renamed, values of the wrong type, deep
 * nesting, shared and self-containing values that dump as anchors and aliases, huge texts), dumped
 * again, and then changed line by line (duplicated keys, lost or re-indented lines, stray tokens).
 * Every mutation is a plain value, so a failing list of them prints as it was generated.
 */
final class YamlMutator {
  enum Kind {
    DELETE_KEY,
    REORDER_KEYS,
    RENAME_KEY,
    SWAP_TYPE,
    DEEP_NEST,
    SHARE_VALUE,
    SELF_CONTAIN,
    DUPLICATE_ITEM,
    MULTIPLY_ITEMS,
    HUGE_SCALAR,
    DUPLICATE_LINE,
    DELETE_LINE,
    SWAP_LINES,
    REINDENT_LINE,
    INSERT_TOKEN,
    TRUNCATE
  }

  /** One change: what, where (an index taken modulo what there is) and a size or a choice. */
  record Mutation(Kind kind, int where, int what, int size) {}

  private static final String[] TOKENS = {
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "!!map ",
    "!!binary ",
    "? ",
    "|\n",
    ">-\n",
    "'",
    "\"",
    "#",
    "\t",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "<<: *a\n",
    "~",
    "\\",
    "\uFEFF",
    "\u0085",
    "\u2028",
    "\r",
    "\u0000",
    "\uD800",
    "key: ",
    "owner: ",
    "after: [",
    "steps:\n"
  };
  private static final String[] KEYS = {
    "id",
    "name",
    "key",
    "owner",
    "after",
    "kind",
    "steps",
    "roles",
    "requirements",
    "playbook",
    "notes",
    "handoffs",
    "environment",
    "action",
    "check",
    "types",
    "requires",
    "fields",
    "title",
    "optional",
    "from",
    "to",
    "<<",
    "",
    " ",
    "Key",
    "ownr"
  };

  private YamlMutator() {}

  static String apply(String yaml, List<Mutation> mutations) {
    List<Mutation> structural = new ArrayList<>();
    List<Mutation> textual = new ArrayList<>();
    for (Mutation m : mutations) {
      (m.kind().ordinal() >= Kind.DUPLICATE_LINE.ordinal() ? textual : structural).add(m);
    }
    String text = structural.isEmpty() ? yaml : mutateTree(yaml, structural);
    for (Mutation m : textual) {
      text = mutateText(text, m);
    }
    return text;
  }

  private static String mutateTree(String yaml, List<Mutation> mutations) {
    LoaderOptions loading = new LoaderOptions();
    Object root = new Yaml(new SafeConstructor(loading)).load(yaml);
    for (Mutation m : mutations) {
      root = mutate(root, m);
    }
    DumperOptions dumping = new DumperOptions();
    DumperOptions.FlowStyle[] styles = DumperOptions.FlowStyle.values();
    dumping.setDefaultFlowStyle(styles[mutations.get(0).what() % styles.length]);
    dumping.setMaxSimpleKeyLength(1024);
    try {
      return new Yaml(new Representer(dumping), dumping).dump(root);
    } catch (RuntimeException | StackOverflowError e) {
      return yaml; // not dumpable as built: the textual mutations still apply
    }
  }

  @SuppressWarnings("unchecked")
  private static Object mutate(Object root, Mutation m) {
    List<Object> containers = containers(root);
    if (containers.isEmpty()) {
      return root;
    }
    Object target = containers.get(m.where() % containers.size());
    if (target instanceof Map<?, ?> raw) {
      Map<Object, Object> map = (Map<Object, Object>) raw;
      List<Object> keys = new ArrayList<>(map.keySet());
      if (keys.isEmpty()) {
        map.put(KEYS[m.what() % KEYS.length], odd(m, root));
        return root;
      }
      Object key = keys.get(m.what() % keys.size());
      switch (m.kind()) {
        case DELETE_KEY -> map.remove(key);
        case REORDER_KEYS -> {
          Collections.shuffle(keys, new Random(m.what()));
          Map<Object, Object> copy = new LinkedHashMap<>(map);
          map.clear();
          keys.forEach(k -> map.put(k, copy.get(k)));
        }
        case RENAME_KEY -> map.put(KEYS[m.size() % KEYS.length], map.remove(key));
        default -> map.put(key, replace(map.get(key), m, root));
      }
    } else {
      List<Object> list = (List<Object>) target;
      if (list.isEmpty()) {
        list.add(odd(m, root));
        return root;
      }
      int i = m.what() % list.size();
      switch (m.kind()) {
        case DELETE_KEY -> list.remove(i);
        case REORDER_KEYS -> Collections.shuffle(list, new Random(m.what()));
        case DUPLICATE_ITEM, RENAME_KEY -> list.add(i, list.get(i));
        default -> list.set(i, replace(list.get(i), m, root));
      }
    }
    return root;
  }

  private static Object replace(Object value, Mutation m, Object root) {
    return switch (m.kind()) {
      case DEEP_NEST -> {
        Object nested = value;
        for (int i = 0; i < 1 + m.size() % 40; i++) {
          if (i % 2 == 0) {
            List<Object> list = new ArrayList<>();
            list.add(nested);
            nested = list;
          } else {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put("key", nested);
            nested = map;
          }
        }
        yield nested;
      }
      case SHARE_VALUE -> {
        List<Object> all = containers(root);
        yield all.get(m.size() % all.size());
      }
      case SELF_CONTAIN -> {
        List<Object> self = new ArrayList<>();
        self.add(value);
        self.add(self);
        yield self;
      }
      case MULTIPLY_ITEMS -> {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < m.size() % 3000; i++) {
          many.add(value);
        }
        yield many;
      }
      case HUGE_SCALAR -> "x".repeat(m.size() % 1_100_000);
      default -> odd(m, root);
    };
  }

  /** A value of some other type than expected. */
  private static Object odd(Mutation m, Object root) {
    return switch (m.size() % 14) {
      case 0 -> null;
      case 1 -> m.where();
      case 2 -> -1.5e300;
      case 3 -> Boolean.TRUE;
      case 4 -> "";
      case 5 -> new ArrayList<>();
      case 6 -> new LinkedHashMap<>();
      case 7 -> new java.util.Date(0);
      case 8 -> new byte[] {0, 1, (byte) 0xff};
      case 9 -> "release-manager";
      case 10 -> "tab\there\u0000nul\uD800lone";
      case 11 -> new ArrayList<>(List.of("decision", "deploy", "production"));
      case 12 ->
          new LinkedHashMap<>(
              Map.of("key", "x", "title", "X", "owner", "devops", "after", List.of("x")));
      default -> root;
    };
  }

  /** Every map and list in the tree, each once (the tree may contain itself). */
  private static List<Object> containers(Object root) {
    List<Object> found = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> todo = new ArrayList<>(List.of(root == null ? List.of() : root));
    while (!todo.isEmpty() && found.size() < 5000) {
      Object next = todo.remove(todo.size() - 1);
      if (!(next instanceof Map<?, ?> || next instanceof List<?>) || seen.put(next, true) != null) {
        continue;
      }
      if (next instanceof Map<?, ?> map) {
        if (map.getClass().getName().contains("Immutable")) continue;
        found.add(next);
        todo.addAll(map.values());
      } else {
        List<?> list = (List<?>) next;
        if (list.getClass().getName().contains("Immutable")) continue;
        found.add(next);
        todo.addAll(list);
      }
    }
    return found;
  }

  private static String mutateText(String text, Mutation m) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = m.where() % lines.size();
    int j = m.what() % lines.size();
    switch (m.kind()) {
      case DUPLICATE_LINE -> lines.add(j, lines.get(i));
      case DELETE_LINE -> lines.remove(i);
      case SWAP_LINES -> Collections.swap(lines, i, j);
      case REINDENT_LINE -> lines.set(i, " ".repeat(m.size() % 12) + lines.get(i).strip());
      case INSERT_TOKEN -> {
        String line = lines.get(i);
        int at = line.isEmpty() ? 0 : m.size() % (line.length() + 1);
        lines.set(i, line.substring(0, at) + TOKENS[m.what() % TOKENS.length] + line.substring(at));
      }
      case TRUNCATE -> {
        return text.substring(0, m.size() % (text.length() + 1));
      }
      default -> {}
    }
    return String.join("\n", lines);
  }
}
