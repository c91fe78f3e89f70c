package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A page as the server sent it, with ways to pick out one element. */
public record WebPage(int status, String body, String location) {

  public String csrf() {
    Matcher m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(body);
    assertThat(m.find()).as("csrf meta tag in " + body).isTrue();
    return m.group(1);
  }

  /** The text of the one {@code .secret} on the page: a token or link shown once. */
  public String secret() {
    Matcher m = Pattern.compile("class=\"secret\"[^>]*>([^<]+)<").matcher(body);
    assertThat(m.find()).as(".secret in " + body).isTrue();
    return m.group(1).strip();
  }

  /** The first {@code <tag ...marker...>} element with everything inside it. */
  public String element(String tag, String marker) {
    Matcher open =
        Pattern.compile("<" + tag + "\\b[^>]*" + Pattern.quote(marker) + "[^>]*>").matcher(body);
    assertThat(open.find()).as("<" + tag + " " + marker + "> in\n" + body).isTrue();
    Matcher tags = Pattern.compile("<(/?)" + tag + "\\b[^>]*>").matcher(body);
    int depth = 0;
    tags.region(open.start(), body.length());
    while (tags.find()) {
      depth += tags.group(1).isEmpty() ? 1 : -1;
      if (depth == 0) return body.substring(open.start(), tags.end());
    }
    return body.substring(open.start());
  }
}
