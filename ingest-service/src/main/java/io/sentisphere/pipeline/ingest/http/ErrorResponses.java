package io.sentisphere.pipeline.ingest.http;

import io.sentisphere.pipeline.ingest.error.IngestError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one mapping from {@link IngestError} to HTTP status, headers and JSON body. */
public final class ErrorResponses {

    private ErrorResponses() {}

    public static ResponseEntity<Object> of(IngestError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        ResponseEntity.BodyBuilder response;
        if (error instanceof IngestError.InvalidSignature || error instanceof IngestError.StaleTimestamp) {
            response = ResponseEntity.status(HttpStatus.FORBIDDEN);
        } else if (error instanceof IngestError.InvalidPayload e) {
            body.put("details", e.details());
            response = ResponseEntity.badRequest();
        } else if (error instanceof IngestError.PayloadTooLarge e) {
            body.put("limit_bytes", e.limitBytes());
            response = ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE);
        } else if (error instanceof IngestError.UnsupportedMediaType) {
            body.put("expected", "application/json");
            response = ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        } else if (error instanceof IngestError.KafkaUnavailable e) {
            response = retryLater(e.retryAfter());
        } else if (error instanceof IngestError.Overloaded e) {
            response = retryLater(e.retryAfter());
        } else {
            throw new IllegalArgumentException("unmapped error " + error.code());
        }
        return response.body(body);
    }

    /** A body for failures outside the ingest domain (unknown path, wrong method, bugs). */
    public static ResponseEntity<Object> generic(HttpStatus status, String code) {
        return ResponseEntity.status(status).body(Map.of("error", code));
    }

    private static ResponseEntity.BodyBuilder retryLater(Duration after) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, after.toSeconds())));
    }
}
