package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for people: columns as wide as their widest cell, two spaces apart. */
final class Table {
  static final int MAX_CELL = 72;
  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = headers;
  }

  Table row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          cells.length + " cells for " + headers.length + " columns");
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) row[i] = cell(cells[i]);
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out) {
    print(out, "", true);
  }

  /** The rows only, indented, aligned as under a header (for lists inside a message). */
  void printRows(PrintWriter out, String indent) {
    print(out, indent, false);
  }

  private void print(PrintWriter out, String indent, boolean header) {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) widths[i] = header ? headers[i].length() : 0;
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
    }
    if (header) line(out, indent, headers, widths);
    for (String[] row : rows) line(out, indent, row, widths);
    out.flush();
  }

  private static void line(PrintWriter out, String indent, String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder(indent);
    for (int i = 0; i < cells.length; i++) {
      b.append(cells[i]);
      if (i < cells.length - 1) b.append(" ".repeat(widths[i] - cells[i].length() + 2));
    }
    out.println(b.toString().stripTrailing());
  }

  /** A cell's text: "-" for nothing, one line, at most {@value #MAX_CELL} characters. */
  static String cell(Object value) {
    if (value == null) return "-";
    String s = value.toString().replaceAll("\\s*\\R\\s*", " ").strip();
    if (s.isEmpty()) return "-";
    return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
  }
}
