package io.tollgate.shared.web;

import io.tollgate.shared.BadRequest;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads every JSON request body once with Jackson's streaming parser before it is bound, and
 * refuses what no command should store: a duplicate key (400), text that is not Unicode text (an
 * unpaired UTF-16 surrogate) or holds a control character other than tab, newline and carriage
 * return, a text or a list over its limit in {@link Limits}, or nesting deeper than it (422 naming
 * the field). One check at the edge, so it covers every body of every endpoint.
 */
@ControllerAdvice
public class JsonBodyGuard extends RequestBodyAdviceAdapter {
  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
  }

  @Override
  public HttpInputMessage beforeBodyRead(
      HttpInputMessage input,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType)
      throws IOException {
    byte[] body = input.getBody().readAllBytes();
    check(body);
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return input.getHeaders();
      }
    };
  }

  /** Checks one JSON document; throws the refusal for the first thing wrong with it. */
  public static void check(byte[] body) {
    if (body.length == 0) return;
    try (JsonParser p = STRICT.createParser(ObjectReadContext.empty(), body)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        TokenStreamContext context = p.streamReadContext();
        if (context.getNestingDepth() > Limits.NESTING_DEPTH) {
          throw Invalid.field(
              path(context),
              "The body nests objects and lists deeper than " + Limits.NESTING_DEPTH + " levels.");
        }
        // A list's item count: the list is the context of a scalar item, the parent of an
        // object or list item.
        TokenStreamContext holder = token.isStructStart() ? context.getParent() : context;
        if (holder != null && holder.inArray() && holder.getCurrentIndex() >= Limits.LIST_ITEMS) {
          String list = path(holder.getParent());
          throw Invalid.field(
              list,
              "The list '"
                  + list
                  + "' has more than "
                  + Limits.LIST_ITEMS
                  + " items; send at most "
                  + Limits.LIST_ITEMS
                  + ".");
        }
        if (token == JsonToken.PROPERTY_NAME) {
          text(path(context), p.currentName(), 200);
        } else if (token == JsonToken.VALUE_STRING) {
          String name = nearestName(context);
          text(path(context), p.getString(), Limits.charsOf(name));
          String version = "version".equals(name) ? Limits.versionProblem(p.getString()) : null;
          if (version != null) {
            throw Invalid.field(
                path(context), "The version '" + p.getString() + "' " + version + ".");
          }
        }
      }
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      if (message != null && message.startsWith("Duplicate Object property")) {
        throw BadRequest.because(
            "The body has the key "
                + message.substring(message.indexOf('"'))
                + " twice; send each key once.");
      }
      // Not JSON: left to the converter, which answers 400 for it.
    }
  }

  private static void text(String field, String value, int limit) {
    String problem = Limits.textProblem(value);
    if (problem != null) {
      throw Invalid.field(
          field,
          "The field '"
              + field
              + "' contains "
              + problem
              + "; send Unicode text without control characters (tab and newline are fine).");
    }
    if (value.length() > limit) {
      throw Invalid.field(
          field,
          "The field '"
              + field
              + "' has "
              + value.length()
              + " characters; the limit is "
              + limit
              + ".");
    }
  }

  /** The name of the property a value belongs to, or of the list it is an item of. */
  private static String nearestName(TokenStreamContext context) {
    for (TokenStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inObject()) return c.currentName();
    }
    return null;
  }

  /** The field as a person reads it: {@code evidence.url}, {@code notableChanges[3]}. */
  static String path(TokenStreamContext context) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      else if (c.currentName() != null) parts.push("." + c.currentName());
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "(body)" : path;
  }
}
