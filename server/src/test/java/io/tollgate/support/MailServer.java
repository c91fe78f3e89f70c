package io.tollgate.support;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * A real SMTP server for the integration tests (GreenMail), one per test JVM, started with the
 * first context that asks for its port: the server sends its notification emails there.
 */
public final class MailServer {
  private static GreenMail server;

  private MailServer() {}

  public static synchronized GreenMail get() {
    if (server == null) {
      ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      server = new GreenMail(setup);
      server.start();
    }
    return server;
  }

  public static int port() {
    return get().getSmtp().getPort();
  }

  /** The messages delivered so far to this address's mailbox (To, Cc or Bcc). */
  public static List<MimeMessage> to(String address) {
    GreenMailUser user = get().getUserManager().getUserByEmail(address);
    if (user == null) return List.of();
    try {
      return get().getManagers().getImapHostManager().getInbox(user).getMessages().stream()
          .map(StoredMessage::getMimeMessage)
          .toList();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
