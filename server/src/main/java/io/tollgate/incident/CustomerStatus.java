package io.tollgate.incident;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.tollgate.shared.Invalid;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The status message a playbook step with {@code action: tell-customers} sends to the product's
 * customer list: support's note in the template {@code customer-status.text.mustache}. The message
 * is the step's evidence, and what is recorded is what is sent: it says the product, the version
 * and support's words, nothing of the incident's internals (its summary, severity, people).
 */
public record CustomerStatus(String subject, String text) {
  private static final Template TEXT = load("customer-status.text.mustache");

  /** The message for the incident's product and version, with support's note; 422 without one. */
  public static CustomerStatus of(String product, String version, String note) {
    if (note == null || note.isBlank()) {
      throw Invalid.field(
          "note",
          "Write the status for customers in the note: it is sent to the product's customer list"
              + " as written.");
    }
    Map<String, Object> data = Map.of("product", product, "version", version, "note", note.strip());
    return new CustomerStatus(
        "Service status update: " + product + " " + version, TEXT.execute(data).strip());
  }

  private static Template load(String name) {
    try (InputStream in = CustomerStatus.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("the template " + name + " is missing");
      return Mustache.compiler()
          .escapeHTML(false)
          .compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
