package io.tollgate.release.web;

import io.tollgate.deployment.EnvironmentState;
import io.tollgate.product.Product;
import java.util.List;
import java.util.Map;

/**
 * What the board shows, prepared so the template only lays it out: what needs attention, what runs
 * where, and every active release with what it waits on, whose turn it is and for how long.
 */
record Board(
    List<Attention> attention,
    List<String> environments,
    List<GridRow> grid,
    List<Row> releases,
    List<Product> products,
    List<String> statuses,
    Filters filters,
    long total,
    int pages,
    boolean atLeast) {

  /** The number of releases under way as shown: "1050+" when there are at least that many. */
  public String totalText() {
    return total + (atLeast ? "+" : "");
  }

  /** Rows of releases under way a page shows. */
  static final int PAGE_SIZE = 50;

  /** The filters of {@code form#board-filters} and the page, as GET parameters. */
  record Filters(String product, String status, boolean mine, int page) {
    public String query() {
      return query(page);
    }

    /** These filters on another page (the first is page 0). */
    public String query(int otherPage) {
      StringBuilder q = new StringBuilder();
      if (product != null) q.append("&product=").append(encode(product));
      if (status != null) q.append("&status=").append(encode(status));
      if (mine) q.append("&mine=true");
      if (otherPage > 0) q.append("&page=").append(otherPage);
      return q.isEmpty() ? "" : "?" + q.substring(1);
    }

    private static String encode(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * One item of the "needs attention" strip.
   *
   * @param kind {@code mine}, {@code failed}, {@code blocked}, {@code risk} or {@code incident}
   */
  record Attention(
      String kind, String label, String title, String href, String incident, List<String> lines) {}

  /** A product's row of the environment grid; a missing cell is an environment it does not have. */
  /** {@code deploying}: environments a release of the product is being deployed to now. */
  record GridRow(
      Product product,
      Map<String, EnvironmentState> cells,
      java.util.Set<String> deploying,
      Map<String, String> locked) {}

  /** An active release as one row of the board. */
  record Row(
      String id,
      String product,
      String productName,
      String version,
      String name,
      String type,
      String status,
      String icon,
      String window,
      boolean windowPassed,
      String next,
      String sla,
      boolean slaPassed,
      String owner,
      String people,
      List<String> requirements,
      String waited,
      String since,
      List<String> blockers,
      int moreBlockers,
      List<String> myActions,
      int customerIssues) {}
}
