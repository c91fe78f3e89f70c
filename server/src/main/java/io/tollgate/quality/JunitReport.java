package io.tollgate.quality;

import io.tollgate.shared.Invalid;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A JUnit XML report (what Maven Surefire, Gradle, pytest, Jest and most CI tools write): one
 * {@code <testsuite>} or a {@code <testsuites>} of them, read as counts, duration and the failing
 * tests. Counted from the {@code <testcase>} elements when there are any (the suite attributes are
 * not always right), else from the suite attributes. No DTD or external entity is ever read.
 */
public record JunitReport(
    String name,
    int tests,
    int failures,
    int errors,
    int skipped,
    double durationSeconds,
    List<Failing> failing) {
  /** At most this many failing tests are kept with a report. */
  public static final int MAX_FAILING = 200;

  /** A test that failed or erred, with the first line of its message. */
  public record Failing(String suite, String name, String message) {}

  public JunitReport {
    failing = List.copyOf(failing);
  }

  /** Whether every test passed (skipped ones aside). */
  public boolean passed() {
    return failures == 0 && errors == 0;
  }

  /** Reads a report; anything that is not a JUnit XML report is refused with 422. */
  public static JunitReport parse(byte[] xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      return new Reader(r).read();
    } catch (XMLStreamException | IllegalArgumentException e) {
      throw Invalid.because("The body is not a JUnit XML report: " + firstLine(e.getMessage()));
    }
  }

  private static final class Reader {
    private final XMLStreamReader r;
    private String root;
    private String suite;
    private String reportName;
    private int suiteTests;
    private int suiteFailures;
    private int suiteErrors;
    private int suiteSkipped;
    private double suiteTime;
    private int cases;
    private int failures;
    private int errors;
    private int skipped;
    private double caseTime;
    private final List<Failing> failing = new ArrayList<>();
    private String currentCase;
    private String currentClass;

    Reader(XMLStreamReader r) {
      this.r = r;
    }

    JunitReport read() throws XMLStreamException {
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          throw new XMLStreamException("a DTD is not accepted");
        }
        if (event != XMLStreamConstants.START_ELEMENT) continue;
        String element = r.getLocalName();
        if (root == null) {
          root = element;
          if (!root.equals("testsuite") && !root.equals("testsuites")) {
            throw new XMLStreamException(
                "the root element is <" + root + ">, not <testsuite> or <testsuites>");
          }
          reportName = attr("name");
        }
        switch (element) {
          case "testsuite" -> {
            suite = attr("name");
            if (reportName == null) reportName = suite;
            suiteTests += number("tests");
            suiteFailures += number("failures");
            suiteErrors += number("errors");
            suiteSkipped += number("skipped") + number("disabled");
            suiteTime += seconds("time");
          }
          case "testcase" -> {
            cases++;
            currentCase = attr("name");
            currentClass = attr("classname");
            caseTime += seconds("time");
          }
          case "failure" -> fail(true);
          case "error" -> fail(false);
          case "skipped" -> skipped++;
          default -> {}
        }
      }
      if (root == null) throw new XMLStreamException("the report is empty");
      boolean fromCases = cases > 0;
      return new JunitReport(
          reportName == null ? "tests" : reportName,
          fromCases ? cases : suiteTests,
          fromCases ? failures : suiteFailures,
          fromCases ? errors : suiteErrors,
          fromCases ? skipped : suiteSkipped,
          suiteTime > 0 ? suiteTime : caseTime,
          failing);
    }

    private void fail(boolean failure) {
      if (currentCase == null) return; // a suite-level error element without a test case
      if (failure) failures++;
      else errors++;
      if (failing.size() < MAX_FAILING) {
        String message = attr("message");
        failing.add(
            new Failing(
                currentClass != null ? currentClass : suite,
                currentCase,
                message == null ? (failure ? "failed" : "error") : cut(firstLine(message), 500)));
      }
    }

    private String attr(String name) {
      String v = r.getAttributeValue(null, name);
      return v == null || v.isBlank() ? null : v.strip();
    }

    private int number(String name) {
      String v = attr(name);
      if (v == null) return 0;
      try {
        return Math.max(0, Integer.parseInt(v));
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    private double seconds(String name) {
      String v = attr(name);
      if (v == null) return 0;
      try {
        double d = Double.parseDouble(v.replace(",", ""));
        return Double.isFinite(d) && d > 0 ? d : 0;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  /** The first line with text (a message often starts with a line break). */
  private static String firstLine(String s) {
    if (s == null) return "";
    for (String line : s.split("\r?\n")) {
      if (!line.isBlank()) return line.strip();
    }
    return "";
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
