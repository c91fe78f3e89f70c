package io.tollgate.release.web;

import io.tollgate.release.ReleaseStatus;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.Page;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The release board, Tollgate's home page, and {@code /board/live}: the part of it that reloads
 * itself when anything changes (the {@code board} event of {@code /live}).
 */
@Controller
@Page
class BoardPages {
  private final BoardView view;

  BoardPages(BoardView view) {
    this.view = view;
  }

  @GetMapping("/")
  String board(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "0") String page,
      Model model) {
    model.addAttribute("board", view.build(me, filters(product, status, mine, page)));
    return "release/board";
  }

  @GetMapping("/board/live")
  String live(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "0") String page,
      Model model) {
    model.addAttribute("board", view.build(me, filters(product, status, mine, page)));
    return "release/board :: live";
  }

  private static Board.Filters filters(String product, String status, boolean mine, String page) {
    String p = product == null || product.isBlank() ? null : product.strip();
    String s =
        ReleaseStatus.parse(status == null ? "" : status.strip())
            .filter(ReleaseStatus::isActive)
            .map(ReleaseStatus::id)
            .orElse(null);
    int n;
    try {
      n = Math.max(0, Integer.parseInt(page.strip()));
    } catch (NumberFormatException e) {
      n = 0; // a page that is not a number shows the first, as an unknown status shows all
    }
    return new Board.Filters(p, s, mine, n);
  }
}
