package io.sentisphere.pipeline.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * ingest-service's own meters, exported at {@code GET /metrics}:
 * {@code ingest_requests_total{endpoint,outcome,reason}}, {@code ingest_events_accepted_total{type}},
 * {@code ingest_request_duration_seconds} (histogram), {@code ingest_kafka_send_errors_total{exception}},
 * {@code ingest_in_flight_requests} and {@code ingest_in_flight_limit}.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void inFlight(Supplier<Number> current, int limit) {
        Gauge.builder("ingest.in.flight.requests", current, s -> s.get().doubleValue())
                .strongReference(true)
                .register(registry);
        Gauge.builder("ingest.in.flight.limit", () -> limit)
                .strongReference(true)
                .register(registry);
    }

    public void accepted(String endpoint, List<EventEnvelope> events, Duration elapsed) {
        request(endpoint, "accepted", "none", elapsed);
        for (EventEnvelope event : events) {
            Counter.builder("ingest.events.accepted")
                    .tag("type", event.type().wire())
                    .register(registry)
                    .increment();
        }
    }

    public void rejected(String endpoint, String reason, Duration elapsed) {
        request(endpoint, "rejected", reason, elapsed);
    }

    public void kafkaSendError(Throwable cause) {
        Counter.builder("ingest.kafka.send.errors")
                .tag("exception", cause.getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    private void request(String endpoint, String outcome, String reason, Duration elapsed) {
        Counter.builder("ingest.requests")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
        Timer.builder("ingest.request.duration")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(elapsed);
    }
}
