package io.tollgate.insights.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tollgate.insights.DeliveryInsights;
import io.tollgate.insights.InsightsReport;
import io.tollgate.shared.Actor;
import io.tollgate.shared.web.ProblemStatuses;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Delivery insights as JSON, or as CSV for a spreadsheet ({@code Accept: text/csv}). */
@RestController
class InsightsApi {
  private final InsightsReport insights;

  InsightsApi(InsightsReport insights) {
    this.insights = insights;
  }

  @Operation(
      operationId = "getInsights",
      summary =
          "Delivery insights over a period: DORA keys, waits by role, no-go reasons, overrides,"
              + " cancellations (one product's members; without product, the caller's products)")
  @ApiResponse(
      responseCode = "200",
      description = "The figures",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = DeliveryInsights.class)),
        @Content(
            mediaType = InsightsCsv.TYPE,
            schema =
                @Schema(
                    type = "string",
                    description =
                        "CSV with the header figure,key,role,count,value,p50Seconds,p90Seconds"))
      })
  @ProblemStatuses({403, 404, 422})
  @GetMapping(
      path = "/api/v1/insights",
      produces = {MediaType.APPLICATION_JSON_VALUE, InsightsCsv.TYPE})
  ResponseEntity<?> get(
      @AuthenticationPrincipal Actor actor,
      @Parameter(description = "A product key; without it, every product of the caller")
          @RequestParam(required = false)
          String product,
      @Parameter(description = "Start, inclusive: 2026-11-01 (UTC) or 2026-11-01T09:00:00Z")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "End: a date includes that day; an instant is exclusive")
          @RequestParam(required = false)
          String to,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    DeliveryInsights figures = insights.of(actor, product, from, to);
    if (prefersCsv(accept)) {
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(InsightsCsv.TYPE + ";charset=UTF-8"))
          .header(
              HttpHeaders.CONTENT_DISPOSITION,
              "attachment; filename=\"" + InsightsPages.fileName(figures) + "\"")
          .body(InsightsCsv.of(figures));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(figures);
  }

  /** CSV only when the caller ranks it above JSON (by quality, then in the order written). */
  static boolean prefersCsv(String accept) {
    if (accept == null || accept.isBlank()) return false;
    List<MediaType> types;
    try {
      types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    MediaType csv = MediaType.parseMediaType(InsightsCsv.TYPE);
    for (MediaType type : types) {
      if (type.getQualityValue() == 0) continue;
      if (type.isWildcardType()) return false;
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) return false;
      if (type.isCompatibleWith(csv)) return true;
    }
    return false;
  }
}
