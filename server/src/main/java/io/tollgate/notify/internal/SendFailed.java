package io.tollgate.notify.internal;

/**
 * A message that did not reach its channel, with what a person reads on the delivery ({@code
 * lastError}). {@code permanent}: trying again cannot help (the channel is not set up), so the
 * delivery is dead at once.
 */
public class SendFailed extends Exception {
  private final boolean permanent;

  public SendFailed(String message, boolean permanent) {
    super(message, null, false, false);
    this.permanent = permanent;
  }

  public static SendFailed retry(String message) {
    return new SendFailed(message, false);
  }

  public boolean permanent() {
    return permanent;
  }
}
