package io.tollgate.release.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For the OpenAPI document: the operation answers the release as {@link ReleaseView} describes it.
 * The body is the release's JSON rendered once per revision (bytes), which the document cannot see.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
    responseCode = "200",
    description = "The release as it stands now, with its revision as the ETag.",
    content =
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = ReleaseView.class)))
@interface AnswersTheRelease {}
