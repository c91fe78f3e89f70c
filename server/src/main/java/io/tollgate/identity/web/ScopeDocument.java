package io.tollgate.identity.web;

import io.tollgate.shared.web.ApiDocument;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The OpenAPI document names the action each command needs in a token's scope ({@code
 * x-tollgate-scope}), and documents 403 wherever a scope can refuse the call.
 */
@Configuration(proxyBeanMethods = false)
class ScopeDocument {
  static final String EXTENSION = "x-tollgate-scope";

  @Bean
  OperationCustomizer scopedTokenOperations() {
    return (operation, handler) -> {
      RequestMapping mapping =
          AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
      if (mapping == null || ScopeActions.SIGNED.contains(ScopeActions.operationId(handler))) {
        return operation; // a webhook: signed by its sender, never called with a token
      }
      RequestMethod[] methods = mapping.method();
      String verb = methods.length == 0 ? "POST" : methods[0].name();
      String action = ScopeActions.action(handler, verb);
      if (action != null) operation.addExtension(EXTENSION, action);
      RequestMapping type =
          AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
      String prefix = type == null || type.path().length == 0 ? "" : type.path()[0];
      String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
      boolean productBound =
          java.util.Arrays.stream(paths).anyMatch(p -> ScopeCheck.productBound(prefix + p))
              || java.util.Arrays.stream(handler.getMethodParameters())
                  .anyMatch(
                      p ->
                          p.hasParameterAnnotation(RequestParam.class)
                              && "product".equals(p.getParameterName()));
      if (action != null || productBound) ApiDocument.addProblems(operation, List.of(403));
      return operation;
    };
  }
}
