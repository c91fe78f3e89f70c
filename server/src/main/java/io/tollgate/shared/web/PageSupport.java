package io.tollgate.shared.web;

import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page needs: who is looking ({@code me}), and a readable error page with the right
 * status when something is refused or missing.
 */
@ControllerAdvice(annotations = Page.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageSupport {

  @ModelAttribute("me")
  Actor me() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof Actor actor ? actor : null;
  }

  @ModelAttribute("path")
  String path(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @ExceptionHandler(TollgateException.class)
  ModelAndView refused(
      TollgateException e, HttpServletRequest request, HttpServletResponse response) {
    ModelAndView page = new ModelAndView("error/page");
    page.setStatus(org.springframework.http.HttpStatus.valueOf(e.status()));
    page.addObject("status", e.status());
    page.addObject("title", e.title());
    page.addObject("detail", e.getMessage());
    page.addObject("blockers", e.blockers());
    page.addObject("me", me());
    // model attributes are not added to an exception handler's view; the header needs the path
    page.addObject("path", request.getRequestURI());
    return page;
  }
}
