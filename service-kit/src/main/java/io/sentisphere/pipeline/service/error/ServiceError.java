package io.sentisphere.pipeline.service.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A refused request, as data: its {@link ErrorCode}, an optional human message, extra body fields
 * ({@code details}, {@code limit_bytes}, …), extra headers and when to retry. Immutable; the
 * {@code with…} methods return copies.
 *
 * <p>Hazard: messages and details go to clients and logs; they must never hold request values
 * (student data, tokens). Name the field and what was expected instead.
 */
public record ServiceError(
        ErrorCode code, String message, Map<String, Object> details, Map<String, String> headers, Duration retryAfter) {

    public ServiceError {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static ServiceError of(ErrorCode code) {
        return new ServiceError(code, null, Map.of(), Map.of(), null);
    }

    public static ServiceError of(ErrorCode code, String message) {
        return of(code).withMessage(message);
    }

    public ServiceError withMessage(String text) {
        return new ServiceError(code, text, details, headers, retryAfter);
    }

    /** Adds a body field after {@code error} (and {@code message}); insertion order is kept. */
    public ServiceError withDetail(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new ServiceError(code, message, more, headers, retryAfter);
    }

    public ServiceError withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ServiceError(code, message, details, more, retryAfter);
    }

    public ServiceError retryAfter(Duration after) {
        return new ServiceError(code, message, details, headers, after);
    }

    /** The code as sent. */
    public String codeName() {
        return code.code();
    }

    public ErrorKind kind() {
        return code.kind();
    }

    public Optional<Duration> retry() {
        return Optional.ofNullable(retryAfter);
    }
}
