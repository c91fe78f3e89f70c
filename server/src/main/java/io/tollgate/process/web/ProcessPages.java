package io.tollgate.process.web;

import io.tollgate.process.ProcessManagement;
import io.tollgate.process.ProcessVersion;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.TollgateException;
import io.tollgate.shared.web.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Processes in the browser: the list with an upload form for the admin, and each version drawn as
 * its flow. An invalid upload comes back with every problem at its line, and the file with those
 * lines marked.
 */
@Controller
@Page
class ProcessPages {
  private final ProcessManagement processes;

  ProcessPages(ProcessManagement processes) {
    this.processes = processes;
  }

  /** One line of an uploaded file, marked when a problem was found there. */
  record SourceLine(int number, String text, boolean error) {}

  @GetMapping("/processes")
  String list(Model model) {
    model.addAttribute("processes", processes.all());
    model.addAttribute("published", ProcessView.UTC);
    return "process/list";
  }

  @PostMapping("/processes")
  String publish(
      @AuthenticationPrincipal Actor me,
      @RequestParam(required = false) String source,
      Model model,
      HttpServletResponse response) {
    String text = source == null ? "" : source.replace("\r\n", "\n");
    try {
      ProcessVersion published = processes.publish(me, text);
      return "redirect:/processes/" + published.id() + "?published=" + published.version();
    } catch (TollgateException e) {
      response.setStatus(e.status());
      model.addAttribute("refusal", e);
      model.addAttribute("source", text);
      if (e instanceof Invalid invalid) {
        model.addAttribute("errors", invalid.errors());
        Set<Integer> bad =
            invalid.errors().stream().map(Invalid.FieldError::line).collect(Collectors.toSet());
        model.addAttribute("sourceLines", lines(text, bad));
      }
      return list(model);
    }
  }

  @GetMapping("/processes/{id}")
  String latest(@PathVariable String id, Model model) {
    List<ProcessVersion> versions = processes.versions(id);
    return show(versions.get(0), versions, model);
  }

  @GetMapping("/processes/{id}/versions/{version}")
  String version(@PathVariable String id, @PathVariable int version, Model model) {
    ProcessVersion shown = processes.version(id, version);
    return show(shown, processes.versions(id), model);
  }

  private String show(ProcessVersion shown, List<ProcessVersion> versions, Model model) {
    model.addAttribute("process", ProcessView.of(shown, versions));
    return "process/process";
  }

  static List<SourceLine> lines(String source, Set<Integer> bad) {
    List<SourceLine> lines = new ArrayList<>();
    String[] split = source.split("\n", -1);
    for (int i = 0; i < split.length; i++) {
      lines.add(new SourceLine(i + 1, split[i], bad.contains(i + 1)));
    }
    return lines;
  }
}
