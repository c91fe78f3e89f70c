package io.tollgate.evidence.web;

import io.tollgate.evidence.EvidencePack;
import io.tollgate.evidence.EvidencePacks;
import io.tollgate.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The printable evidence pack in the browser, linked from the release page. */
@Controller
class EvidencePages {
  /** One template for the page and for the API's {@code text/html}: standalone, for printing. */
  static final String TEMPLATE = "evidence/pack";

  private final EvidencePacks packs;

  EvidencePages(EvidencePacks packs) {
    this.packs = packs;
  }

  @GetMapping("/releases/{id}/evidence")
  String page(@AuthenticationPrincipal Actor me, @PathVariable String id, Model model) {
    EvidencePack pack = packs.of(me, id);
    model.addAttribute("pack", pack);
    model.addAttribute("releaseLink", "/releases/" + pack.release().id());
    return TEMPLATE;
  }
}
