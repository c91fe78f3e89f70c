package io.tollgate.notify.internal;

import io.tollgate.notify.Channel;
import io.tollgate.notify.Message;
import io.tollgate.notify.Subscription;

/** Sends a message through one kind of channel. */
interface ChannelSender {
  /** Whether it sends through this channel. */
  boolean sends(Channel channel);

  /**
   * Sends; returns normally only when the receiver took the message.
   *
   * @param messageId stable for one event and one subscription (the webhook-id)
   */
  void send(Subscription subscription, Message message, String messageId) throws SendFailed;
}
