package io.tollgate.notify.internal;

import io.tollgate.notify.Channel;
import io.tollgate.notify.Message;
import io.tollgate.notify.Subscription;
import java.util.List;
import org.springframework.stereotype.Component;

/** Email: the audience resolved at send time, the subject, text and HTML of the message. */
@Component
class EmailSender implements ChannelSender {
  private final Mailer mailer;
  private final Recipients recipients;

  EmailSender(Mailer mailer, Recipients recipients) {
    this.mailer = mailer;
    this.recipients = recipients;
  }

  @Override
  public boolean sends(Channel channel) {
    return channel instanceof Channel.Email;
  }

  @Override
  public void send(Subscription subscription, Message message, String messageId) throws SendFailed {
    if (!mailer.configured()) {
      throw new SendFailed("email is not set up: no SMTP server (TOLLGATE_SMTP_HOST)", true);
    }
    Channel.Email email = (Channel.Email) subscription.channel();
    List<String> to =
        recipients.of(subscription.product(), email.to(), message.type(), message.data());
    if (to.isEmpty()) throw new NobodyToTell(String.join(", ", email.to()));
    mailer.send(to, message.subject(), message.text(), message.html());
  }

  /** Nothing to send: the audience is empty (no stakeholders yet, nobody holds the role). */
  static final class NobodyToTell extends SendFailed {
    NobodyToTell(String audience) {
      super("nobody to send to: " + audience + " has no address", true);
    }
  }
}
