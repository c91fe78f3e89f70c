package io.tollgate.incident.web;

import io.tollgate.incident.Incident;
import io.tollgate.incident.IncidentManagement;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incident page: banner, rollback target, the playbook by role with each person's actions,
 * timeline and resolution. Forms post here and work without JavaScript (post, redirect, get); with
 * htmx they get the main fragment back. A refusal is shown in place, at the item it concerns.
 */
@Controller
@Page
class IncidentPages {
  private static final String PAGE = "incident/incident";
  private static final String MAIN = "incident/incident :: incidentMain";

  private final IncidentManagement incidents;
  private final ReleaseManagement releases;
  private final Clock clock;

  IncidentPages(IncidentManagement incidents, ReleaseManagement releases, Clock clock) {
    this.incidents = incidents;
    this.releases = releases;
    this.clock = clock;
  }

  @GetMapping("/incidents/{id}")
  String page(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    show(me, incidents.get(me, id), model);
    return PAGE;
  }

  /** The live part of the page, reloaded when the release (and so the incident) changes. */
  @GetMapping("/incidents/{id}/main")
  String main(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    show(me, incidents.get(me, id), model);
    return MAIN;
  }

  @PostMapping("/incidents/{id}/steps/{key}/complete")
  String complete(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String note,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("typedNote", note);
    return act(
        me, id, key, htmx, model, response, () -> incidents.complete(me, id, key, blank(note)));
  }

  @PostMapping("/incidents/{id}/steps/{key}/skip")
  String skip(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      @RequestParam(required = false) String reason,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("typedReason", reason);
    return act(me, id, key, htmx, model, response, () -> incidents.skip(me, id, key, reason));
  }

  @PostMapping("/incidents/{id}/resolve")
  String resolve(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @RequestParam(required = false) String rootCause,
      @RequestParam(required = false) String actionItems,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model,
      HttpServletResponse response) {
    model.addAttribute("rootCause", rootCause);
    model.addAttribute("actionItems", actionItems);
    return act(
        me,
        id,
        "resolve",
        htmx,
        model,
        response,
        () -> incidents.resolve(me, id, rootCause, lines(actionItems)));
  }

  /** Any member of the product opens an incident from the release page. */
  @GetMapping("/releases/{releaseId}/incidents/new")
  String openForm(@AuthenticationPrincipal Actor me, @PathVariable String releaseId, Model model) {
    Release release = releases.get(me, releaseId);
    model.addAttribute("release", release);
    model.addAttribute("severities", release.process().playbook().severities());
    return "incident/open";
  }

  @PostMapping("/releases/{releaseId}/incidents")
  String open(
      @AuthenticationPrincipal Actor me,
      @PathVariable String releaseId,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String summary,
      Model model,
      HttpServletResponse response) {
    try {
      Incident incident = incidents.open(me, releaseId, blank(severity), summary);
      return "redirect:/incidents/" + incident.data().id();
    } catch (TollgateException e) {
      model.addAttribute("refusal", e);
      model.addAttribute("severity", severity);
      model.addAttribute("summary", summary);
      response.setStatus(e.status());
      return openForm(me, releaseId, model);
    }
  }

  private String act(
      Actor me,
      String id,
      String at,
      String htmx,
      Model model,
      HttpServletResponse response,
      Supplier<Incident> command) {
    Incident incident;
    try {
      incident = command.get();
    } catch (TollgateException e) {
      model.addAttribute("refusal", e);
      model.addAttribute("refusalAt", at);
      // htmx swaps only successful responses; a full page carries the refusal's own status
      if (htmx == null) response.setStatus(e.status());
      show(me, incidents.get(me, id), model);
      return htmx == null ? PAGE : MAIN;
    }
    if (htmx == null) return "redirect:/incidents/" + id;
    show(me, incident, model);
    return MAIN;
  }

  private void show(Actor me, Incident incident, Model model) {
    Release release = releases.get(me, incident.data().release());
    Participant viewer = releases.participant(me, incident.data().product());
    model.addAttribute(
        "incident",
        IncidentView.of(
            incident,
            release,
            viewer,
            incident.actionsFor(viewer),
            incidents.rollbackTarget(incident).orElse(null),
            clock.instant()));
  }

  private static List<String> lines(String text) {
    return text == null
        ? null
        : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
