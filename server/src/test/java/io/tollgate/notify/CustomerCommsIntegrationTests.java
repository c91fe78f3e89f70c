package io.tollgate.notify;

import static io.tollgate.support.ReleaseDriver.ok;
import static io.tollgate.support.ReleaseDriver.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.audit.AuditTimeline;
import io.tollgate.support.Api;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.MailServer;
import io.tollgate.support.Receiver;
import io.tollgate.support.ReleaseDriver;
import io.tollgate.support.Team;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Communication with customers, as the guide gives it to Support: support's customer-facing notes
 * fields and customer list; on announce, stakeholders get the whole rendered notes and customers
 * support's version; the playbook's {@code customer-comms} step sends its status message to the
 * customer list and keeps it as the step's evidence.
 */
class CustomerCommsIntegrationTests extends IntegrationTest {
  private final Receiver receiver = new Receiver();
  @Autowired private AuditLog audit;

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void supportKeepsTheCustomerListAndOthersMayOnlyReadIt() {
    Team t = team();
    String list = "/api/v1/products/" + t.product + "/customers";
    assertThat(t.developer.get(list).json().path("emails")).isEmpty();
    Api.Response bad = t.support.put(list, Map.of("emails", List.of("a@example.com", "nope")));
    assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
    assertThat(bad.json().path("field").asString()).isEqualTo("emails[1]");
    assertThat(t.support.get(list).json().path("emails")).as("nothing half-saved").isEmpty();
    assertThat(t.developer.put(list, Map.of("emails", List.of("a@example.com"))).status())
        .isEqualTo(403);
    Api.Response set =
        t.support.put(list, Map.of("emails", List.of("a@example.com", "b@example.com")));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(t.qa.get(list).json().path("emails").toString())
        .isEqualTo("[\"a@example.com\",\"b@example.com\"]");
    assertThat(t.rm.put(list, Map.of("emails", List.of())).status()).isEqualTo(200);
  }

  @Test
  void theAnnouncementCarriesTheRenderedNotesAndCustomersGetSupportsVersion() throws Exception {
    Team t = team();
    String cfo = "cfo-" + t.product + "@example.com";
    String buyer = "buyer-" + t.product + "@example.com";
    ok(t.rm.put("/api/v1/products/" + t.product + "/stakeholders", Map.of("emails", List.of(cfo))));
    ok(
        t.support.put(
            "/api/v1/products/" + t.product + "/customers", Map.of("emails", List.of(buyer))));
    String slack = "/slack-" + t.product + "/T1/B1/X1";
    assertThat(
            NotificationIntegrationTests.subscribe(
                    t.rm,
                    t.product,
                    List.of("release.announced"),
                    Map.of("kind", "slack", "url", receiver.url(slack)))
                .status())
        .isEqualTo(201);

    String id = ReleaseDriver.plan(t, "minor");
    ok(
        t.support.put(
            path(id) + "/notes",
            Map.of(
                "customerSummary",
                "Checkout is *faster* now.",
                "customerChanges",
                List.of("Pay on one page", "Saved carts"))));
    Api.Response rmOnCustomerField =
        t.rm.put(path(id) + "/notes", Map.of("customerSummary", "not mine to write"));
    assertThat(rmOnCustomerField.status())
        .as("support owns the customer-facing fields")
        .isEqualTo(403);
    ReleaseDriver.release(t, id);
    ok(t.rm.post(path(id) + "/steps/announce/complete", Map.of("note", "announced")));

    String name = t.rm.get("/api/v1/products/" + t.product).text("name");
    String notes = t.rm.get(path(id) + "/notes", "text/markdown").body().strip();
    assertThat(notes).contains("Faster checkout", "One-page checkout");
    AuditEvent announced = announceEvent(id);
    String sentence = AuditTimeline.of(List.of(announced), k -> null).get(0).sentence();
    String link = "http://localhost:" + port + "/releases/" + id;

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.to(slack).size() == 1);
    assertThat(receiver.to(slack).get(0).json().path("text").asString())
        .as("the chat message, exactly: the headline line and the rendered notes as Markdown")
        .isEqualTo(
            "*"
                + name
                + " 0.1.0*: released and announced — "
                + sentence
                + ". <"
                + link
                + "|Open in Tollgate>\n\n"
                + notes);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !withSubject(cfo, "released and announced").isEmpty()
                    && MailServer.to(buyer).size() == 1);
    MimeMessage internal = withSubject(cfo, "released and announced").get(0);
    assertThat(internal.getSubject())
        .isEqualTo("[Tollgate] " + name + " 0.1.0: released and announced");
    assertThat(InboxIntegrationTests.plainText(internal).replace("\r\n", "\n"))
        .as("the email's text, exactly")
        .isEqualTo(
            name
                + " 0.1.0: released and announced\n\n"
                + sentence
                + ".\n\nOpen it in Tollgate: "
                + link
                + "\n\nRelease notes\n-------------\n\n"
                + notes
                + "\n\n-- \nTollgate sends this because "
                + name
                + " subscribes to release.announced.\n"
                + "Change what you receive in your notification preferences: http://localhost:"
                + port
                + "/notifications#preferences\n");
    assertThat(html(internal))
        .contains(
            "<h2>Summary</h2>", "<li>One-page checkout</li>", "<li>Run the 2.0 migration</li>");

    MimeMessage customer = MailServer.to(buyer).get(0);
    assertThat(customer.getSubject()).isEqualTo(name + " 0.1.0 is out");
    assertThat(InboxIntegrationTests.plainText(customer).replace("\r\n", "\n"))
        .as("support's version only: nothing internal, no Tollgate link")
        .isEqualTo(
            name
                + " 0.1.0 is out.\n\nCheckout is *faster* now.\n\n- Pay on one page\n- Saved carts\n");
    assertThat(html(customer))
        .contains("<em>faster</em>", "<li>Saved carts</li>")
        .doesNotContain("Faster checkout", "None known", "/releases/");
  }

  @Test
  void customerCommsSendsItsStatusMessageToTheCustomerListAsTheStepsEvidence() throws Exception {
    Team t = team();
    String buyer = "status-" + t.product + "@example.com";
    ok(
        t.support.put(
            "/api/v1/products/" + t.product + "/customers", Map.of("emails", List.of(buyer))));
    String id = ReleaseDriver.plan(t, "minor");
    ReleaseDriver.release(t, id);
    Api.Response opened =
        t.rm.post(
            path(id) + "/incidents", Map.of("severity", "high", "summary", "DB pool exhausted"));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    String incident = "/api/v1/incidents/" + opened.text("id");

    Api.Response noNote = t.support.post(incident + "/steps/customer-comms/complete", Map.of());
    assertThat(noNote.status()).as(noNote.toString()).isEqualTo(422);
    assertThat(noNote.json().path("field").asString()).isEqualTo("note");
    assertThat(
            t.developer
                .post(incident + "/steps/customer-comms/complete", Map.of("note", "x"))
                .status())
        .as("the step's role first")
        .isEqualTo(403);

    Api.Response done =
        t.support.post(
            incident + "/steps/customer-comms/complete",
            Map.of("note", "Checkout was slow between 10:00 and 10:20; it is fast again."));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    String expected =
        "Service status update: "
            + t.product
            + " 0.1.0\n\nCheckout was slow between 10:00 and 10:20; it is fast again.\n\n"
            + "We will write again when anything changes.\n-- The "
            + t.product
            + " support team";
    JsonNode step = null;
    for (JsonNode s : t.rm.get(incident).json().path("steps")) {
      if (s.path("key").asString().equals("customer-comms")) step = s;
    }
    assertThat(step).isNotNull();
    assertThat(step.path("note").asString())
        .as("the message is the step's evidence")
        .isEqualTo(expected);
    assertThat(step.path("action").asString()).isEqualTo("tell-customers");

    await().atMost(Duration.ofSeconds(20)).until(() -> MailServer.to(buyer).size() == 1);
    MimeMessage sent = MailServer.to(buyer).get(0);
    assertThat(sent.getSubject()).isEqualTo("Service status update: " + t.product + " 0.1.0");
    assertThat(InboxIntegrationTests.plainText(sent).replace("\r\n", "\n"))
        .as("what was recorded is what was sent")
        .isEqualTo(expected);
    assertThat(html(sent)).doesNotContain("DB pool exhausted");
  }

  private AuditEvent announceEvent(String releaseId) {
    return audit.forRelease(releaseId).stream()
        .filter(e -> e.type().equals("step.completed") && e.details().contains("\"announce\""))
        .findFirst()
        .orElseThrow();
  }

  private static List<MimeMessage> withSubject(String address, String part) {
    return MailServer.to(address).stream()
        .filter(
            m -> {
              try {
                return m.getSubject().contains(part);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  static String html(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/html")) return (String) part.getContent();
    if (part.getContent() instanceof jakarta.mail.Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = html(mp.getBodyPart(i));
        if (found != null) return found;
      }
    }
    return null;
  }
}
