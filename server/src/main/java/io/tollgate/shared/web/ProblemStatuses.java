package io.tollgate.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals (4xx) an API operation answers beyond those every operation can give: the OpenAPI
 * document lists them as {@code application/problem+json} responses. 401 (every call needs a
 * token), and 400/413/415 for an operation that takes a body, are added by {@link ApiDocument}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemStatuses {
  /** For example {@code {403, 404, 409}}. */
  int[] value();
}
