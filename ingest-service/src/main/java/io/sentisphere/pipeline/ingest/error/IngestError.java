package io.sentisphere.pipeline.ingest.error;

import java.time.Duration;
import java.util.List;

/**
 * Every way a request can fail, as data. {@link io.sentisphere.pipeline.ingest.http.ErrorResponses}
 * maps each to its HTTP status and body in one place; {@link #code()} is the body's {@code error}
 * and the metrics' {@code reason}.
 */
public sealed interface IngestError {

    String code();

    record InvalidSignature() implements IngestError {
        public String code() {
            return "invalid_signature";
        }
    }

    record StaleTimestamp() implements IngestError {
        public String code() {
            return "stale_timestamp";
        }
    }

    record InvalidPayload(List<Problem> details) implements IngestError {
        public InvalidPayload {
            details = List.copyOf(details);
        }

        public static InvalidPayload of(String field, String problem) {
            return new InvalidPayload(List.of(new Problem(field, problem)));
        }

        public String code() {
            return "invalid_payload";
        }
    }

    record PayloadTooLarge(int limitBytes) implements IngestError {
        public String code() {
            return "payload_too_large";
        }
    }

    record UnsupportedMediaType() implements IngestError {
        public String code() {
            return "unsupported_media_type";
        }
    }

    /** Kafka did not acknowledge every record within the deadline; the client should retry. */
    record KafkaUnavailable(Duration retryAfter) implements IngestError {
        public String code() {
            return "kafka_unavailable";
        }
    }

    /** Too many requests in flight; nothing was read or written. */
    record Overloaded(Duration retryAfter) implements IngestError {
        public String code() {
            return "overloaded";
        }
    }
}
