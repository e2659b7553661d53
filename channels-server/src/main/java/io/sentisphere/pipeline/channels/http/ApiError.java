package io.sentisphere.pipeline.channels.http;

/**
 * Why the HTTP API refused a request, as data; {@link ApiErrors} is the one mapping to HTTP
 * status and body. Statuses are Pusher's: 401 authentication, 400 bad request, 404 unknown app,
 * 413 data over 10 KB.
 */
public sealed interface ApiError {

    String code();

    String message();

    record Unauthorized(String code, String message) implements ApiError {}

    record BadRequest(String code, String message) implements ApiError {}

    record TooLarge(String code, String message) implements ApiError {}

    record UnknownApp(String code, String message) implements ApiError {}

    static ApiError unauthorized(String code, String message) {
        return new Unauthorized(code, message);
    }

    static ApiError badRequest(String code, String message) {
        return new BadRequest(code, message);
    }
}
