package io.tollgate.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Waits for" edges between steps, to find dependency cycles. Each group of steps that wait for
 * each other (a strongly connected component) is reported once, as its shortest cycle through the
 * step listed first. Iterative throughout, so a long chain of steps cannot overflow the stack.
 */
final class DependencyGraph {

  /** {@code from} waits for {@code to}; {@code implicit} when no {@code after} says so. */
  record Edge(String from, String to, int line, boolean implicit) {}

  /** A cycle as the keys along it (first = last) and the edges taken. */
  record Cycle(List<String> path, List<Edge> edges) {
    int line() {
      return edges.get(0).line();
    }

    boolean implicit() {
      return edges.stream().anyMatch(Edge::implicit);
    }

    /** {@code a -> b -> a}; a long cycle is shortened in the middle. */
    String describe() {
      if (path.size() <= 16) {
        return String.join(" -> ", path);
      }
      return String.join(" -> ", path.subList(0, 8))
          + " -> … -> "
          + String.join(" -> ", path.subList(path.size() - 4, path.size()))
          + " ("
          + (path.size() - 1)
          + " steps)";
    }
  }

  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final List<String> keys = new ArrayList<>();
  private final List<List<Edge>> edges = new ArrayList<>();

  /** Adds a node; nodes must be added in file order (it decides where a cycle is reported). */
  void node(String key) {
    if (!index.containsKey(key)) {
      index.put(key, keys.size());
      keys.add(key);
      edges.add(new ArrayList<>());
    }
  }

  /** Adds "from waits for to"; ignored unless both are nodes. */
  void edge(String from, String to, int line, boolean implicit) {
    if (index.containsKey(from) && index.containsKey(to)) {
      edges.get(index.get(from)).add(new Edge(from, to, line, implicit));
    }
  }

  List<Cycle> cycles() {
    List<Cycle> cycles = new ArrayList<>();
    for (List<Integer> component : components()) {
      int first = component.stream().min(Integer::compare).orElseThrow();
      boolean selfLoop = edges.get(first).stream().anyMatch(e -> e.to().equals(keys.get(first)));
      if (component.size() > 1 || selfLoop) {
        cycles.add(shortestCycleThrough(first, component));
      }
    }
    cycles.sort(Comparator.comparingInt(Cycle::line));
    return cycles;
  }

  /** Breadth-first from {@code start} back to itself, staying inside its component. */
  private Cycle shortestCycleThrough(int start, List<Integer> component) {
    boolean[] inComponent = new boolean[keys.size()];
    component.forEach(i -> inComponent[i] = true);
    Map<Integer, Edge> reachedBy = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    Edge closing = null;
    while (!queue.isEmpty() && closing == null) {
      int current = queue.removeFirst();
      for (Edge edge : edges.get(current)) {
        int next = index.get(edge.to());
        if (next == start) {
          closing = edge;
          break;
        }
        if (inComponent[next] && !reachedBy.containsKey(next)) {
          reachedBy.put(next, edge);
          queue.addLast(next);
        }
      }
    }
    Deque<Edge> path = new ArrayDeque<>();
    for (Edge edge = closing; edge != null; ) {
      path.addFirst(edge);
      int from = index.get(edge.from());
      edge = from == start ? null : reachedBy.get(from);
    }
    List<String> names = new ArrayList<>();
    names.add(keys.get(start));
    path.forEach(e -> names.add(e.to()));
    return new Cycle(names, List.copyOf(path));
  }

  /** Tarjan's strongly connected components, without recursion. */
  private List<List<Integer>> components() {
    int n = keys.size();
    int[] order = new int[n];
    int[] low = new int[n];
    int[] nextEdge = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(order, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    Deque<Integer> calls = new ArrayDeque<>();
    List<List<Integer>> components = new ArrayList<>();
    int counter = 0;
    for (int root = 0; root < n; root++) {
      if (order[root] != -1) {
        continue;
      }
      order[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      calls.push(root);
      while (!calls.isEmpty()) {
        int v = calls.peek();
        if (nextEdge[v] < edges.get(v).size()) {
          int w = index.get(edges.get(v).get(nextEdge[v]++).to());
          if (order[w] == -1) {
            order[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            calls.push(w);
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], order[w]);
          }
          continue;
        }
        calls.pop();
        if (!calls.isEmpty()) {
          low[calls.peek()] = Math.min(low[calls.peek()], low[v]);
        }
        if (low[v] == order[v]) {
          List<Integer> component = new ArrayList<>();
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            component.add(w);
          } while (w != v);
          components.add(component);
        }
      }
    }
    return components;
  }
}
