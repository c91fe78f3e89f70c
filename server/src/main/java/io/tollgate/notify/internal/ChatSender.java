package io.tollgate.notify.internal;

import io.tollgate.notify.Channel;
import io.tollgate.notify.Message;
import io.tollgate.notify.Subscription;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack-compatible and Microsoft Teams incoming webhooks: one line of text ({@code {"text": …}}),
 * Slack's mrkdwn or Teams' Markdown, with the link to the page.
 */
@Component
class ChatSender implements ChannelSender {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpPost http;
  private final io.tollgate.shared.outbound.SecretBox secrets;

  ChatSender(HttpPost http, io.tollgate.shared.outbound.SecretBox secrets) {
    this.http = http;
    this.secrets = secrets;
  }

  @Override
  public boolean sends(Channel channel) {
    return channel instanceof Channel.Chat;
  }

  @Override
  public void send(Subscription subscription, Message message, String messageId) throws SendFailed {
    Channel.Chat chat = (Channel.Chat) subscription.channel();
    String text = chat.kind().equals("teams") ? message.teams() : message.slack();
    http.post(
        secrets.open(chat.sealedUrl()), Map.of(), JSON.writeValueAsString(Map.of("text", text)));
  }
}
