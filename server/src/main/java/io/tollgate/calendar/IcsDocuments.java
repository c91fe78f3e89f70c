package io.tollgate.calendar;

import io.tollgate.shared.Invalid;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Reads and writes iCalendar (RFC 5545) documents with ical4j, holding them to the standard: a
 * document that does not parse, or parses but breaks a rule (no PRODID, a property that must occur
 * once occurring twice), is refused with what is wrong. Lines may end in LF as well as CRLF (files
 * saved by editors often do); folded lines are unfolded either way.
 */
public final class IcsDocuments {
  private IcsDocuments() {}

  /** The document, parsed and valid; else 422 saying what is wrong. */
  public static Calendar parse(String text) {
    String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new StringReader(crlf));
    } catch (ParserException e) {
      // ical4j's message names the line ("Error at line 20: Expected [VEVENT], read [VCALENDAR]")
      throw Invalid.because("Not an iCalendar document: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ValidationResult result;
    try {
      result = calendar.validate();
    } catch (ValidationException e) {
      throw Invalid.because("Not a valid iCalendar document: " + e.getMessage());
    }
    if (result.hasErrors()) {
      throw Invalid.because(
          "Not a valid iCalendar document: "
              + result.getEntries().stream()
                  .filter(v -> v.getSeverity() == ValidationEntry.Severity.ERROR)
                  .map(v -> v.getMessage() + " (" + v.getContext() + ")")
                  .distinct()
                  .collect(Collectors.joining("; "))
              + ".");
    }
    return calendar;
  }

  /** The document as text (CRLF line ends, long lines folded), validated as it is written. */
  public static String write(Calendar calendar) {
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ValidationException e) {
      throw new IllegalStateException("The calendar does not validate: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
