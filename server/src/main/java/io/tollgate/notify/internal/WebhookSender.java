package io.tollgate.notify.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.notify.Channel;
import io.tollgate.notify.Message;
import io.tollgate.notify.Subscription;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.outbound.OutboundUrls;
import io.tollgate.shared.outbound.SecretBox;
import io.tollgate.shared.outbound.StandardWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Generic webhooks: the JSON body, signed per Standard Webhooks with the subscription's secret. The
 * body of one rendered message is written once for all the subscriptions that send it (the same
 * {@link Message} instance, see {@link Dispatcher}), and a subscription's secret opened once, not
 * per message.
 */
@Component
class WebhookSender implements ChannelSender {
  private final Cache<Message, String> bodies =
      Caffeine.newBuilder().weakKeys().maximumSize(4096).build();
  private final Cache<String, StandardWebhooks> signers =
      Caffeine.newBuilder().maximumSize(1024).expireAfterAccess(Duration.ofMinutes(10)).build();
  private final HttpPost http;
  private final SecretBox secrets;
  private final OutboundUrls urls;
  private final Clock clock;

  WebhookSender(HttpPost http, SecretBox secrets, OutboundUrls urls, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.urls = urls;
    this.clock = clock;
  }

  @Override
  public boolean sends(Channel channel) {
    return channel instanceof Channel.Webhook;
  }

  @Override
  public void send(Subscription subscription, Message message, String messageId) throws SendFailed {
    Channel.Webhook w = (Channel.Webhook) subscription.channel();
    try {
      urls.check(w.url(), "channel.url");
    } catch (Invalid refused) {
      throw new SendFailed(refused.getMessage(), true);
    }
    String body = bodies.get(message, WebhookBody::write);
    long timestamp = clock.instant().getEpochSecond();
    String signature = signer(w.sealedSecret()).sign(messageId, timestamp, body);
    http.post(
        w.url(),
        Map.of(
            "webhook-id", messageId,
            "webhook-timestamp", Long.toString(timestamp),
            "webhook-signature", signature),
        body);
  }

  private StandardWebhooks signer(String sealedSecret) {
    return signers.get(sealedSecret, k -> StandardWebhooks.ofSecret(secrets.open(k)));
  }
}
