package io.sentisphere.pipeline.channels.http;

import io.sentisphere.pipeline.service.error.ErrorCode;
import io.sentisphere.pipeline.service.error.ErrorKind;
import io.sentisphere.pipeline.service.error.ServiceError;
import java.util.Locale;

/**
 * Why the HTTP API refused a request, as data: channels-server's error codes, each with its kind;
 * service-kit's {@code ErrorResponses} maps them to HTTP in one place. Statuses are Pusher's: 401
 * authentication, 400 bad request, 404 unknown app, 413 body or data too large (table in
 * channels-server's README). Bodies are {@code {"error":code,"message":…}}.
 */
public final class ApiErrors {

    public enum Code implements ErrorCode {
        INVALID_KEY(ErrorKind.UNAUTHENTICATED),
        INVALID_VERSION(ErrorKind.UNAUTHENTICATED),
        INVALID_TIMESTAMP(ErrorKind.UNAUTHENTICATED),
        STALE_TIMESTAMP(ErrorKind.UNAUTHENTICATED),
        INVALID_BODY_MD5(ErrorKind.UNAUTHENTICATED),
        INVALID_SIGNATURE(ErrorKind.UNAUTHENTICATED),
        UNKNOWN_APP(ErrorKind.NOT_FOUND),
        BODY_TOO_LARGE(ErrorKind.TOO_LARGE),
        DATA_TOO_LARGE(ErrorKind.TOO_LARGE),
        INVALID_JSON(ErrorKind.INVALID_REQUEST),
        INVALID_BATCH(ErrorKind.INVALID_REQUEST),
        BATCH_TOO_LARGE(ErrorKind.INVALID_REQUEST),
        INVALID_EVENT(ErrorKind.INVALID_REQUEST),
        INVALID_NAME(ErrorKind.INVALID_REQUEST),
        INVALID_DATA(ErrorKind.INVALID_REQUEST),
        INVALID_CHANNEL(ErrorKind.INVALID_REQUEST),
        INVALID_CHANNELS(ErrorKind.INVALID_REQUEST),
        MISSING_CHANNELS(ErrorKind.INVALID_REQUEST),
        TOO_MANY_CHANNELS(ErrorKind.INVALID_REQUEST),
        INVALID_SOCKET_ID(ErrorKind.INVALID_REQUEST),
        INVALID_INFO(ErrorKind.INVALID_REQUEST),
        NOT_PRESENCE(ErrorKind.INVALID_REQUEST);

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

    private ApiErrors() {}

    /** {@code message} says what was expected, never a request value. */
    public static ServiceError error(Code code, String message) {
        return ServiceError.of(code, message);
    }
}
