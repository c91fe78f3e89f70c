package io.tollgate.notify;

import java.util.List;

/**
 * Where a subscription's messages go. Secret parts are held sealed ({@code SecretBox}): a webhook's
 * signing secret, and the whole URL of a Slack or Teams incoming webhook (its path is its token).
 */
public sealed interface Channel {
  /** {@code webhook}, {@code email}, {@code slack} or {@code teams}. */
  String kind();

  /** A generic webhook, signed per Standard Webhooks with the sealed secret. */
  record Webhook(String url, String sealedSecret) implements Channel {
    public String kind() {
      return "webhook";
    }
  }

  /** Email to the audience entries (see {@link Audience}). */
  record Email(List<String> to) implements Channel {
    public Email {
      to = List.copyOf(to);
    }

    public String kind() {
      return "email";
    }
  }

  /** A Slack-compatible or Microsoft Teams incoming webhook, its URL sealed. */
  record Chat(String kind, String sealedUrl, String host) implements Channel {
    public Chat {
      if (!kind.equals("slack") && !kind.equals("teams")) throw new IllegalArgumentException(kind);
    }
  }
}
