package io.sentisphere.pipeline.ingest.error;

import io.sentisphere.pipeline.service.error.ErrorCode;
import io.sentisphere.pipeline.service.error.ErrorKind;
import io.sentisphere.pipeline.service.error.ServiceError;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Every way an ingest request can fail, as data ({@link ServiceError}s of the {@link Code}s below);
 * service-kit's {@code ErrorResponses} maps them to HTTP in one place. {@link Code#code()} is the
 * body's {@code error} and the metrics' {@code reason}.
 */
public final class IngestErrors {

    /** ingest-service's error codes, each with its kind (documented statuses: docs/openapi/ingest-service.yaml). */
    public enum Code implements ErrorCode {
        INVALID_SIGNATURE(ErrorKind.FORBIDDEN),
        STALE_TIMESTAMP(ErrorKind.FORBIDDEN),
        INVALID_PAYLOAD(ErrorKind.INVALID_REQUEST),
        PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE),
        UNSUPPORTED_MEDIA_TYPE(ErrorKind.UNSUPPORTED_MEDIA_TYPE),
        /** Kafka did not acknowledge every record within the deadline; the client should retry. */
        KAFKA_UNAVAILABLE(ErrorKind.UNAVAILABLE),
        /** Too many requests in flight; nothing was read or written. */
        OVERLOADED(ErrorKind.UNAVAILABLE);

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

    private IngestErrors() {}

    public static ServiceError invalidSignature() {
        return ServiceError.of(Code.INVALID_SIGNATURE);
    }

    public static ServiceError staleTimestamp() {
        return ServiceError.of(Code.STALE_TIMESTAMP);
    }

    /** {@code details} name each failing field and what was expected, never the value sent. */
    public static ServiceError invalidPayload(List<Problem> details) {
        return ServiceError.of(Code.INVALID_PAYLOAD).withDetail("details", List.copyOf(details));
    }

    public static ServiceError invalidPayload(String field, String problem) {
        return invalidPayload(List.of(new Problem(field, problem)));
    }

    public static ServiceError payloadTooLarge(int limitBytes) {
        return ServiceError.of(Code.PAYLOAD_TOO_LARGE).withDetail("limit_bytes", limitBytes);
    }

    public static ServiceError unsupportedMediaType() {
        return ServiceError.of(Code.UNSUPPORTED_MEDIA_TYPE).withDetail("expected", "application/json");
    }

    public static ServiceError kafkaUnavailable(Duration retryAfter) {
        return ServiceError.of(Code.KAFKA_UNAVAILABLE).retryAfter(retryAfter);
    }

    public static ServiceError overloaded(Duration retryAfter) {
        return ServiceError.of(Code.OVERLOADED).retryAfter(retryAfter);
    }

    /** The failing fields of an {@code invalid_payload} error; empty for any other. */
    @SuppressWarnings("unchecked")
    public static List<Problem> problems(ServiceError error) {
        Object details = error.details().get("details");
        return error.code() == Code.INVALID_PAYLOAD && details instanceof List<?> list
                ? (List<Problem>) list
                : List.of();
    }
}
