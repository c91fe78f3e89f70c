package io.tollgate.bench;

import java.util.ArrayList;
import java.util.List;

/** The first few failed calls, with their bodies, for the report; printed as they happen. */
final class ErrorSamples {
  static final int LIMIT = 8;
  private static final int MAX_BODY = 600;
  private final List<String> samples = new ArrayList<>();

  synchronized void offer(String what, Http.Response r) {
    if (samples.size() >= LIMIT) {
      return;
    }
    String body = r.text().replace('\n', ' ');
    if (body.length() > MAX_BODY) {
      body = body.substring(0, MAX_BODY) + "...";
    }
    String line = what + " -> " + (r.status() == 0 ? "no response" : r.status()) + " " + body;
    samples.add(line);
    System.err.println("error: " + line);
  }

  synchronized List<String> all() {
    return List.copyOf(samples);
  }
}
