package io.tollgate.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Map;
import java.util.TreeSet;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: title and version, the bearer token every
 * {@code /api/v1} call needs, and the problem details (RFC 9457) of each operation's refusals.
 * Summaries and operation ids come from each operation's {@code @Operation}; refusals particular to
 * an operation from its {@link ProblemStatuses}.
 */
@Configuration
public class ApiDocument {
  public static final String BEARER = "bearerToken";
  static final String PROBLEM_SCHEMA = "ProblemDetail";

  private static final Map<Integer, String> MEANING =
      Map.of(
          400, "Malformed JSON, a missing required field or a parameter of the wrong type.",
          401, "No or unknown credentials: send 'Authorization: Bearer <token>'.",
          403, "Authenticated, but lacks the role or permission.",
          404, "No such product, release, step, requirement, incident, user or process.",
          409,
              "Conflicts with the current state (order, duplicate, stale revision);"
                  + " 'blockers' lists what it waits for.",
          413, "The body is too large.",
          415, "Wrong content type.",
          422, "Well-formed but invalid; 'errors' lists what, where it can.");

  @Bean
  OpenAPI tollgateOpenApi(ObjectProvider<BuildProperties> build) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Tollgate REST API")
                .version(version(build.getIfAvailable()))
                .description(
                    "Contract v1 of Tollgate, the release orchestration server: products,"
                        + " processes, releases, incidents, users and the audit log. Every call"
                        + " needs a bearer token; errors are RFC 9457 problem details"
                        + " (application/problem+json)."))
        .addServersItem(new Server().url("/").description("This Tollgate server"))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API token (tg_…) issued with POST"
                                + " /api/v1/users/{username}/tokens."))
                .addSchemas(PROBLEM_SCHEMA, problemSchema()));
  }

  /** Every operation: the bearer token, and its refusals as problem details. */
  @Bean
  OperationCustomizer tollgateOperations() {
    return (operation, handler) -> {
      // an operation with several media types is customised once per handler method
      var requirements =
          handler.getMethodAnnotation(
              io.swagger.v3.oas.annotations.security.SecurityRequirements.class);
      boolean withoutBearer = requirements != null && requirements.value().length == 0;
      if (withoutBearer) {
        // authenticated otherwise (a webhook's signature, a secret in the URL): no bearer token
        operation.setSecurity(new java.util.ArrayList<>());
      } else if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
      }
      TreeSet<Integer> statuses = new TreeSet<>();
      // a bearer token missing or unknown; an operation without one declares its own 401, if any
      if (!withoutBearer) statuses.add(401);
      ProblemStatuses declared = handler.getMethodAnnotation(ProblemStatuses.class);
      if (declared != null) {
        for (int s : declared.value()) statuses.add(s);
      }
      if (takesBody(handler)) {
        statuses.addAll(java.util.List.of(400, 413, 415));
      }
      if (hasTypedParameter(handler)) statuses.add(400);
      successAsAnswered(operation, handler);
      addProblems(operation, statuses);
      return operation;
    };
  }

  /**
   * An operation answers one success: 200, or what its method's {@code @ResponseStatus} says (201
   * for a create, 204 for a delete). A 200 described elsewhere (an annotation that names the body,
   * as {@code AnswersTheRelease}) is moved to that status, with its description and body; a 204 has
   * no body.
   */
  private static void successAsAnswered(Operation operation, HandlerMethod handler) {
    ResponseStatus declared = handler.getMethodAnnotation(ResponseStatus.class);
    ApiResponses responses = operation.getResponses();
    if (declared == null || responses == null) return;
    String code = Integer.toString(declared.code().value());
    ApiResponse ok = responses.get("200");
    if (code.equals("200") || ok == null) return;
    responses.remove("200");
    ApiResponse answered = responses.get(code);
    boolean okNamesTheBody = ok.getContent() != null && !ok.getContent().isEmpty();
    if (answered == null || okNamesTheBody) answered = ok;
    if (declared.code().value() == 204) {
      answered.setContent(null);
      if (answered.getDescription() == null
          || answered.getDescription().isBlank()
          || answered.getDescription().equals("OK")) {
        answered.setDescription("Done; nothing to answer.");
      }
    } else if ("OK".equals(answered.getDescription())) {
      answered.setDescription("Created.");
    }
    responses.addApiResponse(code, answered);
  }

  /** Documents refusals (problem details) of an operation, keeping any it has. */
  public static void addProblems(Operation operation, java.util.Collection<Integer> statuses) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    for (int status : statuses) {
      String code = Integer.toString(status);
      if (responses.containsKey(code)) continue;
      responses.addApiResponse(
          code,
          new ApiResponse()
              .description(MEANING.getOrDefault(status, "Refused."))
              .content(
                  new Content()
                      .addMediaType(
                          Problems.MEDIA_TYPE,
                          new MediaType()
                              .schema(
                                  new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
    }
  }

  private static boolean takesBody(HandlerMethod handler) {
    for (MethodParameter p : handler.getMethodParameters()) {
      if (p.hasParameterAnnotation(RequestBody.class)) return true;
    }
    return false;
  }

  /** A path or query parameter that is not text answers 400 when it does not parse. */
  private static boolean hasTypedParameter(HandlerMethod handler) {
    for (MethodParameter p : handler.getMethodParameters()) {
      boolean parameter =
          p.hasParameterAnnotation(PathVariable.class)
              || p.hasParameterAnnotation(RequestParam.class);
      if (parameter && p.getParameterType() != String.class) return true;
    }
    return false;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> problemSchema() {
    Schema blocker =
        new ObjectSchema()
            .addProperty("kind", new StringSchema().description("requirement, step, handoff, …"))
            .addProperty("key", new StringSchema())
            .addProperty("title", new StringSchema());
    Schema error =
        new ObjectSchema()
            .addProperty("line", new IntegerSchema().description("line in the uploaded file"))
            .addProperty("message", new StringSchema());
    return new ObjectSchema()
        .description("RFC 9457 problem details.")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema().description("the HTTP status"))
        .addProperty("detail", new StringSchema().description("what to do about it"))
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty(
            "blockers",
            new ArraySchema().items(blocker).description("what a refused command waits for"))
        .addProperty(
            "errors", new ArraySchema().items(error).description("what is invalid, and where"))
        .required(java.util.List.of("title", "status"));
  }

  private static String version(BuildProperties build) {
    if (build != null && build.getVersion() != null) return build.getVersion();
    String manifest = ApiDocument.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "development";
  }
}
