package io.sentisphere.pipeline.broadcast.http;

/** Why a dashboard request was refused, as data; {@link ErrorResponses} maps it to HTTP. */
public sealed interface ApiProblem {

    String code();

    String message();

    record Unauthenticated(String code, String message) implements ApiProblem {}

    record Forbidden(String code, String message) implements ApiProblem {}

    record BadRequest(String code, String message) implements ApiProblem {}

    record NotReady(String code, String message) implements ApiProblem {}
}
