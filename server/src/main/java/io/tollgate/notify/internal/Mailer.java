package io.tollgate.notify.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The SMTP server Tollgate sends email through, from {@code TOLLGATE_SMTP_HOST}, {@code _PORT}
 * (default 25), {@code _USERNAME}, {@code _PASSWORD}, {@code _FROM} and {@code _STARTTLS}. Without
 * a host, email is not set up: email deliveries are dead at once, saying so, and can be retried
 * once it is.
 */
@Component
public class Mailer {
  private final JavaMailSenderImpl sender;
  private final String from;
  private final String host;

  Mailer(
      @Value("${tollgate.smtp.host:}") String host,
      @Value("${tollgate.smtp.port:25}") int port,
      @Value("${tollgate.smtp.username:}") String username,
      @Value("${tollgate.smtp.password:}") String password,
      @Value("${tollgate.smtp.from:tollgate@localhost}") String from,
      @Value("${tollgate.smtp.starttls:false}") boolean starttls,
      @Value("${tollgate.notify.timeout:PT10S}") java.time.Duration timeout) {
    this.host = host == null ? "" : host.strip();
    this.from = from;
    if (this.host.isEmpty()) {
      sender = null;
      return;
    }
    sender = new JavaMailSenderImpl();
    sender.setHost(this.host);
    sender.setPort(port);
    sender.setDefaultEncoding("UTF-8");
    if (username != null && !username.isBlank()) {
      sender.setUsername(username);
      sender.setPassword(password);
    }
    Properties p = sender.getJavaMailProperties();
    String ms = Long.toString(timeout.toMillis());
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    p.put("mail.smtp.auth", Boolean.toString(username != null && !username.isBlank()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
    p.put("mail.smtp.starttls.required", Boolean.toString(starttls));
  }

  /** Whether an SMTP server is configured. */
  public boolean configured() {
    return sender != null;
  }

  /** Where mail goes, for the admin page: {@code host:port}, or null. */
  public String server() {
    return sender == null ? null : host + ":" + sender.getPort();
  }

  public String from() {
    return from;
  }

  /** Sends one message to the addresses (each sees only itself: Bcc when several). */
  public void send(List<String> to, String subject, String text, String html) throws SendFailed {
    if (sender == null) {
      throw new SendFailed("email is not set up: no SMTP server (TOLLGATE_SMTP_HOST)", true);
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper m = new MimeMessageHelper(message, true, "UTF-8");
      m.setFrom(from);
      if (to.size() == 1) {
        m.setTo(to.get(0));
      } else {
        m.setTo(from);
        m.setBcc(to.toArray(String[]::new));
      }
      m.setSubject(subject);
      m.setText(text, html);
      sender.send(message);
    } catch (MailException | MessagingException e) {
      throw SendFailed.retry("the SMTP server " + server() + " refused or failed: " + root(e));
    }
  }

  private static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
