package io.tollgate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.process.NotesTemplate;
import io.tollgate.process.ProcessParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Release notes rendered through the built-in template, as Markdown and as HTML. */
class NotesRendererTests {
  private static final NotesTemplate TEMPLATE = ProcessParser.builtIn().notes();
  private static final NotesContext CHECKOUT_1_4 =
      new NotesContext(
          "checkout", "Faster checkout", "1.4.0", "minor", "2026-03-10", "Rita Manager");

  private static final ReleaseNotes FILLED =
      ReleaseNotes.empty()
          .with("summary", List.of("Checkout takes one page instead of three."))
          .with("notableChanges", List.of("One-page checkout", "Saved cards"))
          .with("migrationSteps", List.of("Run the card-vault migration"))
          .with("knownIssues", List.of("Apple Pay arrives in 1.5"));

  @Test
  void markdownHasEveryLabelOfTheGuidesTemplateWithItsValue() {
    String md = NotesRenderer.markdown(TEMPLATE, CHECKOUT_1_4, FILLED);

    assertThat(md)
        .contains("# checkout 1.4.0 — Faster checkout")
        .contains("**Release name / number:** Faster checkout / 1.4.0")
        .contains("**Date:** 2026-03-10")
        .contains("**Release Manager:** Rita Manager")
        .contains("## Summary\n\nCheckout takes one page instead of three.")
        .contains("## Notable changes\n\n- One-page checkout\n- Saved cards\n")
        .contains("## Migration steps (if any)\n\n1. Run the card-vault migration\n")
        .contains("## Known issues (from QA Lead)\n\n- Apple Pay arrives in 1.5\n")
        .doesNotContain("_None")
        .doesNotContain("{{")
        .doesNotContain("}}");
  }

  @Test
  void leavesOutTheNameWhenTheReleaseHasNone() {
    NotesContext unnamed =
        new NotesContext("checkout", null, "1.4.1", "patch", "2026-03-12", "Rita Manager");

    String md = NotesRenderer.markdown(TEMPLATE, unnamed, FILLED);

    assertThat(md).startsWith("# checkout 1.4.1\n").contains("**Release name / number:** 1.4.1\n");
    assertThat(
            NotesRenderer.markdown(
                TEMPLATE,
                new NotesContext("checkout", " ", "1.4.1", "patch", "2026-03-12", "Rita"),
                FILLED))
        .startsWith("# checkout 1.4.1\n");
  }

  @Test
  void emptyFieldsRenderTheirNoneText() {
    String md = NotesRenderer.markdown(TEMPLATE, CHECKOUT_1_4, ReleaseNotes.empty());

    assertThat(md)
        .contains("## Summary\n\n_Not written yet._")
        .contains("## Notable changes\n\n_None listed._")
        .contains("## Migration steps (if any)\n\n_None._")
        .contains("## Known issues (from QA Lead)\n\n_None known._");
  }

  @Test
  void htmlRendersListItemsAndTheNoneText() {
    ReleaseNotes noIssues = FILLED.with("knownIssues", List.of());

    String html = NotesRenderer.html(TEMPLATE, CHECKOUT_1_4, noIssues);

    assertThat(html)
        .contains("<h1>checkout 1.4.0 — Faster checkout</h1>")
        .contains("<li>One-page checkout</li>")
        .contains("<li>Saved cards</li>")
        .contains("<ol>\n<li>Run the card-vault migration</li>\n</ol>")
        .contains("<em>None known.</em>")
        .contains("<strong>Release Manager:</strong> Rita Manager");
  }

  @Test
  void onlyHttpAndMailtoLinksAreLinks() {
    ReleaseNotes links =
        FILLED.with(
            "notableChanges",
            List.of(
                "[data](data:text/html;base64,PHNjcmlwdD4=)",
                "[js](JavaScript:alert(1))",
                "<vbscript:msgbox>",
                "![img](data:image/png;base64,AAAA)",
                "[fine](https://example.com/x)",
                "[relative](/releases/1)"));

    String html = NotesRenderer.html(TEMPLATE, CHECKOUT_1_4, links);

    assertThat(html)
        .doesNotContainIgnoringCase("data:")
        .doesNotContainIgnoringCase("javascript:")
        .doesNotContainIgnoringCase("href=\"vbscript:")
        .doesNotContain("<img")
        .contains("<li>data</li>")
        .contains("href=\"https://example.com/x\">fine</a>")
        .contains("href=\"/releases/1\">relative</a>");
    assertThat(html.split("<a ", -1)).hasSize(3);
  }

  @Test
  void htmlShowsRawHtmlInTheNotesAsText() {
    ReleaseNotes hostile =
        FILLED
            .with("summary", List.of("<script>alert('pwned')</script>"))
            .with(
                "notableChanges",
                List.of("<img src=x onerror=alert(1)>", "[click](javascript:alert(1))"));

    String html = NotesRenderer.html(TEMPLATE, CHECKOUT_1_4, hostile);

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<img")
        .doesNotContain("javascript:")
        .contains("&lt;script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void markdownKeepsTheTextAsWritten() {
    ReleaseNotes withHtml = FILLED.with("summary", List.of("Uses <b>bold</b> & more"));

    assertThat(NotesRenderer.markdown(TEMPLATE, CHECKOUT_1_4, withHtml))
        .contains("Uses <b>bold</b> & more");
  }

  @Test
  void theCustomerVersionHoldsSupportsFieldsAloneAndIsEmptyWithoutThem() {
    assertThat(NotesRenderer.customerMarkdown(TEMPLATE, FILLED)).isEmpty();
    ReleaseNotes withCustomers =
        FILLED
            .with("customerSummary", List.of("Paying is quicker."))
            .with("customerChanges", List.of("Pay on one page", "Saved cards <3"));
    String md = NotesRenderer.customerMarkdown(TEMPLATE, withCustomers);
    assertThat(md)
        .as("no internal field, no label")
        .isEqualTo("Paying is quicker.\n\n- Pay on one page\n- Saved cards <3\n");
    assertThat(NotesRenderer.html(md))
        .isEqualTo(
            "<p>Paying is quicker.</p>\n<ul>\n<li>Pay on one page</li>\n<li>Saved cards &lt;3</li>\n</ul>\n");
  }
}
