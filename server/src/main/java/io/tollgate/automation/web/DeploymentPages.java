package io.tollgate.automation.web;

import io.tollgate.automation.AutomatedDeployment;
import io.tollgate.automation.Deployments;
import io.tollgate.automation.EnvironmentAutomation;
import io.tollgate.process.StepDef;
import io.tollgate.process.StepKind;
import io.tollgate.release.Action;
import io.tollgate.release.Participant;
import io.tollgate.release.Release;
import io.tollgate.release.ReleaseManagement;
import io.tollgate.shared.Actor;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The deployment panel of a release page ({@code /releases/<id>/automation}, an htmx fragment that
 * follows the page's live channel: its {@code release} events for steps, its {@code deployment}
 * events for each new log line, check result and status, within a second on any node; and every 5 s
 * while something runs, for the elapsed time): Deploy and Verify buttons for the step's owner, each
 * run's status, elapsed time, log and checks, and cancel.
 */
@Controller
@Page
class DeploymentPages {
  static final int LOG_LINES = 200;

  private final Deployments deployments;
  private final EnvironmentAutomation automation;
  private final ReleaseManagement releases;
  private final Clock clock;

  DeploymentPages(
      Deployments deployments,
      EnvironmentAutomation automation,
      ReleaseManagement releases,
      Clock clock) {
    this.deployments = deployments;
    this.automation = automation;
    this.releases = releases;
    this.clock = clock;
  }

  /** A button to start a step: shown to its owner, enabled when the step may start now. */
  record StartButton(String step, String label, boolean enabled, String reason) {}

  /** One run as the panel shows it. */
  record Run(
      AutomatedDeployment d,
      String elapsed,
      List<AutomatedDeployment.LogLine> log,
      int hiddenLines,
      List<AutomatedDeployment.CheckResult> checks) {}

  @GetMapping("/releases/{id}/automation")
  String panel(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    Release release = releases.get(me, id);
    Participant p = releases.participant(me, release.product());
    Set<String> automated = automation.of(release.product());
    List<StartButton> buttons = new ArrayList<>();
    for (StepDef def : release.process().steps()) {
      if (!def.kind().needsOutcome() || !automated.contains(def.environment())) continue;
      if (!release.steps().stream().anyMatch(s -> s.key().equals(def.key()))) continue;
      Action start = release.canStart(def.key(), p);
      if (!start.isShown()) continue;
      String verb = def.kind() == StepKind.DEPLOY ? "Deploy to " : "Verify ";
      buttons.add(
          new StartButton(def.key(), verb + def.environment(), start.isOffered(), start.reason()));
    }
    Instant now = clock.instant();
    List<Run> runs = new ArrayList<>();
    List<AutomatedDeployment> all = new ArrayList<>(deployments.ofRelease(me, id));
    java.util.Collections.reverse(all);
    boolean running = false;
    for (AutomatedDeployment d : all) {
      running |= !d.status().isFinal();
      var view = deployments.get(me, d.id());
      List<AutomatedDeployment.LogLine> log = view.log();
      int hidden = Math.max(0, log.size() - LOG_LINES);
      runs.add(
          new Run(
              d,
              elapsed(d.startedAt(), d.finishedAt() == null ? now : d.finishedAt()),
              log.subList(hidden, log.size()),
              hidden,
              view.checks()));
    }
    model.addAttribute("releaseId", id);
    model.addAttribute("buttons", buttons);
    model.addAttribute("runs", runs);
    model.addAttribute("running", running);
    model.addAttribute("canCancel", automation.mayConfigure(me, release.product()));
    model.addAttribute("automated", !automated.isEmpty());
    return "automation/release :: panel";
  }

  @PostMapping("/releases/{id}/steps/{key}/start")
  String start(
      @AuthenticationPrincipal Actor me,
      @PathVariable String id,
      @PathVariable String key,
      RedirectAttributes flash) {
    try {
      deployments.start(me, id, key, null);
    } catch (TollgateException e) {
      flash.addFlashAttribute("done", "Not started: " + e.getMessage());
    }
    return "redirect:/releases/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
  }

  @PostMapping("/deployments/{id}/cancel")
  String cancel(
      @AuthenticationPrincipal Actor me, @PathVariable String id, RedirectAttributes flash) {
    String release = deployments.get(me, id).deployment().release();
    try {
      deployments.cancel(me, id);
    } catch (TollgateException e) {
      flash.addFlashAttribute("done", "Not cancelled: " + e.getMessage());
    }
    return "redirect:/releases/" + UriUtils.encodePathSegment(release, StandardCharsets.UTF_8);
  }

  static String elapsed(Instant from, Instant to) {
    long s = Math.max(0, Duration.between(from, to).toSeconds());
    return s < 60
        ? s + " s"
        : s < 3600
            ? (s / 60) + " min " + (s % 60) + " s"
            : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
