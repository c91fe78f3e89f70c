package io.tollgate.freeze.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.freeze.Freeze;
import io.tollgate.freeze.FreezeOccurrence;
import io.tollgate.freeze.FreezeOverride;
import io.tollgate.freeze.FreezeOverrides;
import io.tollgate.freeze.Freezes;
import io.tollgate.freeze.NewFreeze;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Invalid;
import io.tollgate.shared.web.ProblemStatuses;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Production freezes and their emergency overrides (api.md "Schedule, freezes and insights"). */
@RestController
@RequestMapping("/api/v1")
class FreezeApi {
  private final Freezes freezes;
  private final FreezeOverrides overrides;

  FreezeApi(Freezes freezes, FreezeOverrides overrides) {
    this.freezes = freezes;
    this.overrides = overrides;
  }

  /** A freeze as the API shows it; {@code products} empty: every product. */
  record FreezeView(
      String id,
      String reason,
      Instant start,
      Instant end,
      String rrule,
      String timezone,
      List<String> products,
      boolean allProducts,
      String createdBy,
      Instant createdAt) {
    static FreezeView of(Freeze f) {
      return new FreezeView(
          f.id(),
          f.reason(),
          f.start(),
          f.end(),
          f.rrule(),
          f.zone().getId(),
          List.copyOf(new TreeSet<>(f.products())),
          f.allProducts(),
          f.createdBy(),
          f.createdAt());
    }
  }

  /** The list: the freezes, and with {@code from}/{@code to} their occurrences in that range. */
  record FreezeList(List<FreezeView> freezes, List<FreezeOccurrence> occurrences) {}

  record OverrideBody(String reason, String freeze) {}

  @Operation(
      operationId = "createFreeze",
      summary =
          "Create a production freeze (the admin; a release manager for their own products only)")
  @ProblemStatuses({403, 422})
  @PostMapping(path = "/freezes", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED) // for the document
  ResponseEntity<FreezeView> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewFreeze body) {
    Freeze f = freezes.create(actor, body);
    return ResponseEntity.created(URI.create("/api/v1/freezes/" + f.id())).body(FreezeView.of(f));
  }

  @Operation(
      operationId = "listFreezes",
      summary =
          "List the freezes of the caller's products (with from and to: their occurrences then)")
  @ProblemStatuses({422})
  @GetMapping("/freezes")
  FreezeList list(
      @AuthenticationPrincipal Actor actor,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    List<FreezeView> all = freezes.list(actor).stream().map(FreezeView::of).toList();
    if (from == null && to == null) return new FreezeList(all, null);
    return new FreezeList(
        all, freezes.occurrences(actor, instant("from", from), instant("to", to)));
  }

  @Operation(operationId = "deleteFreeze", summary = "Delete a freeze (who may create it)")
  @ProblemStatuses({403, 404})
  @DeleteMapping("/freezes/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT) // for the document
  ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    freezes.delete(actor, id);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      operationId = "requestFreezeOverride",
      summary =
          "Ask to let a release deploy to production during a freeze (a release manager of its"
              + " product)")
  @ProblemStatuses({403, 404, 409, 422})
  @PostMapping(path = "/releases/{id}/freeze-override", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED) // for the document
  ResponseEntity<FreezeOverride> request(
      @AuthenticationPrincipal Actor actor,
      @PathVariable String id,
      @RequestBody OverrideBody body) {
    FreezeOverride o = overrides.request(actor, id, body.reason(), body.freeze());
    return ResponseEntity.created(URI.create("/api/v1/freeze-overrides/" + o.id())).body(o);
  }

  @Operation(
      operationId = "approveFreezeOverride",
      summary =
          "Approve a freeze override (another release manager of the product than the requester)")
  @ProblemStatuses({403, 404, 409})
  @PostMapping("/freeze-overrides/{id}/approve")
  FreezeOverride approve(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
    return overrides.approve(actor, id);
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      throw Invalid.field(field, "Give both \"from\" and \"to\" (ISO 8601 instants).");
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value.strip()).toInstant();
      } catch (DateTimeParseException e2) {
        throw Invalid.field(
            field,
            "\""
                + field
                + "\" is not an ISO 8601 instant: '"
                + value
                + "' (e.g. 2026-12-01T00:00:00Z).");
      }
    }
  }
}
