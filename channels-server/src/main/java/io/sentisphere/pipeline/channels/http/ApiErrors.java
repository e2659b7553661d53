package io.sentisphere.pipeline.channels.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one mapping from {@link ApiError} to status and JSON body {@code {"error":code,"message":…}}. */
final class ApiErrors {

    private ApiErrors() {}

    static ResponseEntity<Object> of(ApiError error) {
        HttpStatus status;
        if (error instanceof ApiError.Unauthorized) {
            status = HttpStatus.UNAUTHORIZED;
        } else if (error instanceof ApiError.TooLarge) {
            status = HttpStatus.CONTENT_TOO_LARGE;
        } else if (error instanceof ApiError.UnknownApp) {
            status = HttpStatus.NOT_FOUND;
        } else {
            status = HttpStatus.BAD_REQUEST;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.message());
        return ResponseEntity.status(status).body(body);
    }
}
