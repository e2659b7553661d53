package io.sentisphere.pipeline.service.http;

import io.sentisphere.pipeline.service.error.ErrorKind;
import io.sentisphere.pipeline.service.error.ServiceError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The one mapping from {@link ServiceError} to HTTP: the status by {@link ErrorKind} (an exhaustive
 * switch: a new kind does not compile until it is mapped), the JSON body
 * {@code {"error": code, "message"?: …, …details}}, the error's headers, and {@code Retry-After}
 * (whole seconds, at least 1) when it says when to retry.
 */
public final class ErrorResponses {

    private ErrorResponses() {}

    public static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static ResponseEntity<Object> of(ServiceError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.codeName());
        if (error.message() != null) {
            body.put("message", error.message());
        }
        body.putAll(error.details());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status(error.kind()));
        error.headers().forEach((name, value) -> response.header(name, value));
        error.retry()
                .ifPresent(after ->
                        response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, after.toSeconds()))));
        return response.body(body);
    }
}
