package io.tollgate.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.shared.Invalid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** Real-world iCalendar files (ical4j's own samples) through {@link IcsDocuments}. */
class IcsFixturesTests {

  @Test
  void theValidSampleRoundTripsToEqualEvents() {
    Calendar parsed = IcsDocuments.parse(fixture("ical4j-valid-Standup.ics"));
    List<VEvent> events = parsed.getComponents("VEVENT");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getSummary().getValue()).isEqualTo("Standup");
    assertThat(events.get(0).getUid().orElseThrow().getValue())
        .as("the folded UID line is unfolded")
        .isEqualTo(
            "040000008200E00074C5B7101A82E008000000002079F2E4D4A3C9010000000000000000100"
                + "000006C4B4F5EBD28AD43BB7F772276780C54");

    String written = IcsDocuments.write(parsed);
    Calendar again = IcsDocuments.parse(written);

    assertThat(again.<VEvent>getComponents("VEVENT")).isEqualTo(events);
    assertThat(again.getComponents("VTIMEZONE")).isEqualTo(parsed.getComponents("VTIMEZONE"));
    assertThat(again).isEqualTo(parsed);
    assertThat(written).contains("\r\n").doesNotContain("\r\n\r\n");
  }

  @Test
  void theInvalidSampleIsRefusedSayingWhatIsMissing() {
    assertThatThrownBy(() -> IcsDocuments.parse(fixture("ical4j-invalid-eli_test.ics")))
        .isInstanceOf(Invalid.class)
        .hasMessageStartingWith("Not a valid iCalendar document: ")
        .hasMessageContaining("PRODID is required");
  }

  @Test
  void textThatIsNoCalendarIsRefusedNamingTheLine() {
    assertThatThrownBy(
            () ->
                IcsDocuments.parse(
                    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//y//EN\nBEGIN:VEVENT\nEND:VCALENDAR\n"))
        .isInstanceOf(Invalid.class)
        .hasMessageStartingWith("Not an iCalendar document: ")
        .hasMessageContaining("line 5");
  }

  private static String fixture(String name) {
    try (InputStream in =
        IcsFixturesTests.class.getResourceAsStream("/fixtures/icalendar/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
