package io.tollgate.ui;

import java.util.HashSet;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /live?release=<id>&board=true}: the stream an open page listens to. */
@Controller
class LiveApi {
  private final LiveUpdates live;

  LiveApi(LiveUpdates live) {
    this.live = live;
  }

  @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter stream(
      @RequestParam(required = false) String release,
      @RequestParam(defaultValue = "false") boolean board) {
    Set<String> topics = new HashSet<>();
    if (release != null && release.matches("[0-9a-f-]{36}")) topics.add("release-" + release);
    if (board) topics.add("board");
    return live.subscribe(topics);
  }
}
