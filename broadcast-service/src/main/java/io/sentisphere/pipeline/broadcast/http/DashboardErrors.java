package io.sentisphere.pipeline.broadcast.http;

import io.sentisphere.pipeline.service.error.ErrorCode;
import io.sentisphere.pipeline.service.error.ErrorKind;
import io.sentisphere.pipeline.service.error.ServiceError;
import io.sentisphere.pipeline.service.error.ServiceException;
import java.time.Duration;
import java.util.Locale;

/**
 * Why a dashboard or webhook request was refused, as data: broadcast-service's error codes, each
 * with its kind (documented statuses: docs/openapi/broadcast-service.yaml); service-kit's
 * {@code ErrorResponses} maps them to HTTP in one place. Bodies are {@code {"error":code,"message":…}};
 * 401s carry {@code WWW-Authenticate: Bearer}, 503s {@code Retry-After}.
 */
public final class DashboardErrors {

    public enum Code implements ErrorCode {
        UNAUTHENTICATED(ErrorKind.UNAUTHENTICATED),
        FORBIDDEN(ErrorKind.FORBIDDEN),
        CHANNEL_NOT_ALLOWED(ErrorKind.FORBIDDEN),
        INVALID_SOCKET_ID(ErrorKind.INVALID_REQUEST),
        UNKNOWN_RANGE(ErrorKind.INVALID_REQUEST),
        /** Still reading the stats topic after a start, or no stats for the range yet. */
        NOT_READY(ErrorKind.UNAVAILABLE),
        INVALID_WEBHOOK_SIGNATURE(ErrorKind.UNAUTHENTICATED),
        INVALID_JSON(ErrorKind.INVALID_REQUEST),
        INVALID_WEBHOOK(ErrorKind.INVALID_REQUEST);

        private final ErrorKind kind;

        Code(ErrorKind kind) {
            this.kind = kind;
        }

        @Override
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public ErrorKind kind() {
            return kind;
        }
    }

    private DashboardErrors() {}

    /** The refusal to throw; {@code message} says what was expected, never a request value. */
    public static ServiceException refused(Code code, String message) {
        ServiceError error = ServiceError.of(code, message);
        if (code.kind() == ErrorKind.UNAUTHENTICATED) {
            error = error.withHeader("WWW-Authenticate", "Bearer");
        }
        if (code.kind() == ErrorKind.UNAVAILABLE) {
            error = error.retryAfter(Duration.ofSeconds(1));
        }
        return new ServiceException(error);
    }
}
