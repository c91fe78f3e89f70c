package io.tollgate.insights.web;

import io.tollgate.insights.DeliveryInsights;
import io.tollgate.insights.Spread;
import io.tollgate.insights.WaitFigure;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The insights as one CSV table (RFC 4180, with a header): one row per figure, in the columns
 * {@code figure, key, role, count, value, p50Seconds, p90Seconds}; an empty cell is "not
 * applicable" or "no data".
 */
final class InsightsCsv {
  static final String TYPE = "text/csv";
  static final String[] HEADER = {
    "figure", "key", "role", "count", "value", "p50Seconds", "p90Seconds"
  };

  private InsightsCsv() {}

  static String of(DeliveryInsights i) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER).get();
    try (CSVPrinter csv = new CSVPrinter(out, format)) {
      csv.printRecord("products", String.join(" ", i.products()), "", "", "", "", "");
      csv.printRecord("from", "", "", "", i.from(), "", "");
      csv.printRecord("to", "", "", "", i.to(), "", "");
      csv.printRecord(
          "deploymentFrequency",
          "",
          "",
          i.productionDeployments(),
          i.deploymentFrequency(),
          "",
          "");
      spread(csv, "leadTime", i.leadTimeSeconds());
      csv.printRecord(
          "changeFailureRate",
          "",
          "",
          i.productionDeployments(),
          i.changeFailureRate() == null ? "" : i.changeFailureRate(),
          "",
          "");
      spread(csv, "timeToRestore", i.timeToRestoreSeconds());
      waits(csv, "stepWait", i.waits().steps());
      waits(csv, "requirementWait", i.waits().requirements());
      waits(csv, "handoffWait", i.waits().handoffs());
      for (var r : i.noGo()) csv.printRecord("noGo", r.reason(), "", r.count(), "", "", "");
      csv.printRecord("overrides", "", "", "", i.overrides(), "", "");
      csv.printRecord("releasesCancelled", "", "", "", i.releasesCancelled(), "", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void spread(CSVPrinter csv, String figure, Spread s) throws IOException {
    csv.printRecord(figure, "", "", s.count(), "", blank(s.p50()), blank(s.p90()));
  }

  private static void waits(CSVPrinter csv, String figure, List<WaitFigure> rows)
      throws IOException {
    for (WaitFigure w : rows) {
      csv.printRecord(figure, w.key(), w.role(), w.count(), "", w.p50Seconds(), w.p90Seconds());
    }
  }

  private static Object blank(Long v) {
    return v == null ? "" : v;
  }
}
