package io.tollgate.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Spring's form-content filter (form bodies on PUT, PATCH and DELETE), answering 400 with problem
 * details when the body is not valid form data (a '%' without two hex digits after it) instead of
 * letting the exception reach the container as a 500. Replaces the one Spring Boot would register.
 */
@Component
public class FormBodyFilter extends OrderedFormContentFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean[] parsed = {false};
    try {
      super.doFilterInternal(
          request,
          response,
          (req, res) -> {
            parsed[0] = true;
            chain.doFilter(req, res);
          });
    } catch (HttpMessageNotReadableException e) {
      if (parsed[0]) throw e; // not ours: thrown further down the chain
      Problems.write(
          response,
          400,
          "Bad request",
          "The body is sent as form data (application/x-www-form-urlencoded) but is not valid form"
              + " data: every '%' must be followed by two hexadecimal digits. Send the body as JSON"
              + " (application/json) in UTF-8.",
          request.getRequestURI());
    }
  }
}
