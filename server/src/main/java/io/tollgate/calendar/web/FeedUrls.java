package io.tollgate.calendar.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where the server is, for links in the feed and the feed's own URL: TOLLGATE_PUBLIC_URL, else the
 * address the current request came to.
 */
@Component
class FeedUrls {
  private final String configured;

  FeedUrls(@Value("${tollgate.public-url:}") String publicUrl) {
    this.configured = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
  }

  String base() {
    return configured.isEmpty()
        ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
        : configured;
  }

  String feed(String token) {
    return base() + "/api/v1/calendar.ics?token=" + token;
  }
}
