package io.sentisphere.pipeline.ingest.http;

import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.ingest.Ingestor;
import io.sentisphere.pipeline.ingest.config.IngestConfig;
import io.sentisphere.pipeline.ingest.error.IngestErrors;
import io.sentisphere.pipeline.ingest.metrics.IngestMetrics;
import io.sentisphere.pipeline.service.error.CommonErrors;
import io.sentisphere.pipeline.service.error.ServiceError;
import io.sentisphere.pipeline.service.error.ServiceException;
import io.sentisphere.pipeline.service.http.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoints. Each answers 200 only after Kafka acknowledged every record.
 *
 * <pre>
 * body='{"reason": "mobile_checkin", "stats": null, "range": "this_week"}'
 * sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac local-webhook-secret | cut -d' ' -f2)
 * curl -i -H 'Content-Type: application/json' -H "X-Webhook-Signature: $sig" \
 *      --data-binary "$body" http://127.0.0.1:8081/api/dashboard/notify-update
 * </pre>
 *
 * <p>Concurrency is bounded by {@code INGEST_MAX_IN_FLIGHT}: past it, requests get 503 with
 * {@code Retry-After} before their body is read.
 */
@RestController
public class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final Ingestor ingestor;
    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final Semaphore inFlight;

    public IngestController(Ingestor ingestor, IngestConfig config, IngestMetrics metrics) {
        this.ingestor = ingestor;
        this.config = config;
        this.metrics = metrics;
        this.inFlight = new Semaphore(config.maxInFlight());
        metrics.inFlight(() -> config.maxInFlight() - inFlight.availablePermits(), config.maxInFlight());
    }

    @PostMapping("/api/events")
    public CompletableFuture<ResponseEntity<Object>> events(HttpServletRequest request) {
        return handle("events", request, ingestor::events, events -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "accepted");
            body.put("count", events.size());
            body.put("ids", events.stream().map(EventEnvelope::id).toList());
            return body;
        });
    }

    @PostMapping("/api/dashboard/notify-update")
    public CompletableFuture<ResponseEntity<Object>> notifyUpdate(HttpServletRequest request) {
        return handle("notify-update", request, ingestor::notifyUpdate, events -> {
            EventEnvelope event = events.get(0);
            RefreshRequested refresh = (RefreshRequested) event.data();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "accepted");
            body.put("event_id", event.id());
            body.put("reason", refresh.reason());
            body.put("range", refresh.range().wire());
            return body;
        });
    }

    private CompletableFuture<ResponseEntity<Object>> handle(
            String endpoint,
            HttpServletRequest request,
            BiFunction<Function<String, String>, byte[], CompletableFuture<List<EventEnvelope>>> action,
            Function<List<EventEnvelope>, Map<String, Object>> acceptedBody) {
        long start = System.nanoTime();
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.completedFuture(
                    reject(endpoint, request, IngestErrors.overloaded(Duration.ofSeconds(1)), start));
        }
        CompletableFuture<ResponseEntity<Object>> response;
        try {
            RequestBodies.requireJson(request);
            byte[] body = RequestBodies.read(request, config.maxBodyBytes());
            response = action.apply(request::getHeader, body).handle((events, failure) -> {
                if (failure == null) {
                    metrics.accepted(endpoint, events, elapsed(start));
                    return ResponseEntity.ok((Object) acceptedBody.apply(events));
                }
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof ServiceException e) {
                    return reject(endpoint, request, e.error(), start);
                }
                log.error("unexpected failure on {}", endpoint, cause);
                return ErrorResponses.of(ServiceError.of(CommonErrors.INTERNAL_ERROR));
            });
        } catch (ServiceException e) {
            response = CompletableFuture.completedFuture(reject(endpoint, request, e.error(), start));
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        return response.whenComplete((r, t) -> inFlight.release());
    }

    private ResponseEntity<Object> reject(String endpoint, HttpServletRequest request, ServiceError error, long start) {
        metrics.rejected(endpoint, error.codeName(), elapsed(start));
        // Never the body or header values: they may hold student data or signatures.
        if (error.code() == IngestErrors.Code.INVALID_PAYLOAD) {
            log.info(
                    "rejected {} from {}: {} at {}",
                    endpoint,
                    request.getRemoteAddr(),
                    error.codeName(),
                    IngestErrors.problems(error).stream()
                            .map(d -> d.field())
                            .limit(10)
                            .toList());
        } else {
            log.warn("rejected {} from {}: {}", endpoint, request.getRemoteAddr(), error.codeName());
        }
        return ErrorResponses.of(error);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
