package io.tollgate.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates request bodies as raw bytes: JSON shaped like a command's body (its field names, and
 * unknown ones) with values of every kind — wrong types, huge and odd strings, escaped unpaired
 * surrogates and control characters, nulls, deep nesting, duplicate keys — and bodies that are not
 * JSON at all (truncated, invalid UTF-8, empty).
 */
final class JsonFuzz {
  private static final String[] ODD_TEXTS = {
    "",
    " ",
    "x\\ud800y",
    "\\udc00",
    "\\ud800",
    "\\u0000",
    "a\\u001bb",
    "tab\\there",
    "line\\nbreak",
    "\\r",
    "\\u2028",
    "\\ufeff",
    "é",
    "\\uD83D\\uDE00",
    "go",
    "no-go",
    "succeeded",
    "failed",
    "high",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://ci.example/builds/1",
    "http://",
    "1.2.3",
    "99999999999999999999999999999999999999999999.0.0",
    "minor",
    "major",
    "patch",
    "<script>alert(1)</script>",
    "{{summary}}",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "null",
    "release-manager",
    "2026-12-03T09:00:00Z",
    "not-a-date",
    "NaN"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "1",
    "-1",
    "1.5",
    "1e400",
    "-1e-400",
    "9223372036854775808",
    "123456789012345678901234567890",
    "0.0000001",
    "2147483648"
  };
  private static final String[] UNKNOWN_KEYS = {
    "",
    "id",
    "status",
    "revision",
    "actor",
    "admin",
    "__proto__",
    "constructor",
    "x\\ud800",
    "Summary",
    "evidence.url",
    "@type",
    "class"
  };

  private JsonFuzz() {}

  /** A body for a command whose JSON body has {@code fields} (dotted names for nested fields). */
  static byte[] body(SplittableRandom r, List<String> fields) {
    return switch (r.nextInt(20)) {
      case 0 -> garbage(r);
      case 1 -> invalidUtf8(r, fields);
      case 2 -> value(r, 0, fields).getBytes(StandardCharsets.UTF_8);
      case 3 -> deep(r).getBytes(StandardCharsets.UTF_8);
      case 4 -> huge(r, fields).getBytes(StandardCharsets.UTF_8);
      default -> object(r, 0, fields).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** An object with some of {@code fields} (nested as their dots say), unknown keys, repeats. */
  static String object(SplittableRandom r, int depth, List<String> fields) {
    StringBuilder s = new StringBuilder("{");
    int entries = r.nextInt(fields.size() + 3);
    for (int i = 0; i < entries; i++) {
      if (i > 0) s.append(',');
      String key;
      if (!fields.isEmpty() && r.nextInt(5) > 0) {
        key = fields.get(r.nextInt(fields.size()));
      } else {
        key = UNKNOWN_KEYS[r.nextInt(UNKNOWN_KEYS.length)];
      }
      int dot = key.indexOf('.');
      if (dot > 0 && r.nextInt(4) > 0) {
        String outer = key.substring(0, dot);
        List<String> inner =
            fields.stream()
                .filter(f -> f.startsWith(outer + "."))
                .map(f -> f.substring(outer.length() + 1))
                .toList();
        s.append('"').append(outer).append("\":").append(object(r, depth + 1, inner));
      } else {
        s.append('"').append(key).append("\":").append(value(r, depth + 1, List.of()));
      }
    }
    return s.append('}').toString();
  }

  static String value(SplittableRandom r, int depth, List<String> fields) {
    int kind = depth > 4 ? r.nextInt(5) : r.nextInt(8);
    return switch (kind) {
      case 0, 1 -> '"' + ODD_TEXTS[r.nextInt(ODD_TEXTS.length)] + '"';
      case 2 -> '"' + text(r) + '"';
      case 3 -> NUMBERS[r.nextInt(NUMBERS.length)];
      case 4 -> List.of("true", "false", "null").get(r.nextInt(3));
      case 5 -> object(r, depth + 1, fields);
      default -> {
        StringBuilder s = new StringBuilder("[");
        for (int i = r.nextInt(6); i > 0; i--) {
          s.append(value(r, depth + 1, fields)).append(i > 1 ? "," : "");
        }
        yield s.append(']').toString();
      }
    };
  }

  /** Random text, JSON-escaped where it must be; sometimes long. */
  private static String text(SplittableRandom r) {
    int length = r.nextInt(10) == 0 ? r.nextInt(20_000) : r.nextInt(40);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int c = r.nextInt(4) == 0 ? r.nextInt(0x10000) : 0x20 + r.nextInt(0x5f);
      if (c < 0x20 || c == '"' || c == '\\' || (c >= 0xd800 && c <= 0xdfff)) {
        s.append(String.format("\\u%04x", c));
      } else {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  private static String deep(SplittableRandom r) {
    int depth = 1 + r.nextInt(3000);
    boolean arrays = r.nextBoolean();
    String open = arrays ? "[" : "{\"a\":";
    return open.repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
  }

  /** One field holding a text near or over the 1 MiB body limit, or a long list. */
  private static String huge(SplittableRandom r, List<String> fields) {
    String key = fields.isEmpty() ? "x" : fields.get(r.nextInt(fields.size())).replace('.', '_');
    if (r.nextBoolean()) {
      return "{\"" + key + "\":\"" + "x".repeat(r.nextInt(1_200_000)) + "\"}";
    }
    return "{\"" + key + "\":[" + "\"i\",".repeat(r.nextInt(100_000)) + "\"i\"]}";
  }

  private static byte[] garbage(SplittableRandom r) {
    String[] bodies = {
      "",
      " ",
      "null",
      "[]",
      "\"text\"",
      "1",
      "true",
      "{",
      "{\"a\":",
      "{\"a\" 1}",
      "{'a':1}",
      "{\"a\":1,}",
      "{\"a\":1}{\"b\":2}",
      "{\"a\":01}",
      "{\"a\":NaN}",
      "{\"a\":\"\\x\"}",
      "\u0000",
      "{\"a\":\"unterminated}",
      "<xml/>",
      "{\"a\":1} trailing"
    };
    return bodies[r.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] invalidUtf8(SplittableRandom r, List<String> fields) {
    String key = fields.isEmpty() ? "x" : fields.get(0);
    byte[][] bad = {
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate encoded as UTF-8 (CESU)
      {(byte) 0xff},
      {(byte) 0xc3},
      {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xf4, (byte) 0x90, 0, 0}
    };
    byte[] prefix = ("{\"" + key + "\":\"a").getBytes(StandardCharsets.UTF_8);
    byte[] middle = bad[r.nextInt(bad.length)];
    byte[] suffix = "b\"}".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + middle.length + suffix.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(middle, 0, all, prefix.length, middle.length);
    System.arraycopy(suffix, 0, all, prefix.length + middle.length, suffix.length);
    return all;
  }
}
