package io.tollgate.ui;

import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import java.util.HashSet;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /live?release=<id>&board=true}: the stream an open page listens to. A release's stream
 * is for those who may read the release (404 or 403 as its page answers otherwise).
 */
@Controller
class LiveApi {
  private final LiveUpdates live;
  private final ReleaseManagement releases;

  LiveApi(LiveUpdates live, ReleaseManagement releases) {
    this.live = live;
    this.releases = releases;
  }

  @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter stream(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String release,
      @RequestParam(defaultValue = "false") boolean board) {
    Set<String> topics = new HashSet<>();
    if (release != null && release.matches("[0-9a-f-]{36}")) {
      releases.get(me, release); // refuses who may not read it
      topics.add("release-" + release);
    }
    if (board) topics.add("board");
    return live.subscribe(me, topics);
  }
}
