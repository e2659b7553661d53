package io.sentisphere.pipeline.ingest;

import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.ingest.kafka.EventPublisher;
import io.sentisphere.pipeline.ingest.payload.PayloadParser;
import io.sentisphere.pipeline.ingest.signature.SignatureVerifier;
import io.sentisphere.pipeline.ingest.signature.Verification;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The ingest use case, free of HTTP types: verify the signature over the raw bytes, parse, write to
 * Kafka. Synchronous failures are thrown as {@link io.sentisphere.pipeline.ingest.error.ServiceException};
 * Kafka failures complete the future exceptionally with one.
 */
public final class Ingestor {

    private final SignatureVerifier verifier;
    private final PayloadParser parser;
    private final EventPublisher publisher;
    private final Clock clock;

    public Ingestor(SignatureVerifier verifier, PayloadParser parser, EventPublisher publisher, Clock clock) {
        this.verifier = verifier;
        this.parser = parser;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** {@code POST /api/events}: completes with the accepted events once Kafka acknowledged all. */
    public CompletableFuture<List<EventEnvelope>> events(Function<String, String> headers, byte[] body) {
        verifier.verify(headers, body);
        List<EventEnvelope> events = parser.parseEvents(body);
        return publisher.publish(events).thenApply(done -> events);
    }

    /**
     * {@code POST /api/dashboard/notify-update}: one {@code dashboard.refresh_requested} event. Its
     * id is the Standard Webhooks {@code webhook-id} when there is one (so the sender's retries are
     * recognised as the same event), otherwise a random UUID.
     */
    public CompletableFuture<List<EventEnvelope>> notifyUpdate(Function<String, String> headers, byte[] body) {
        Verification verification = verifier.verify(headers, body);
        RefreshRequested refresh = parser.parseNotify(body);
        String id = verification
                .webhookId()
                .filter(webhookId -> webhookId.length() <= EventEnvelope.MAX_ID_LENGTH)
                .orElseGet(() -> UUID.randomUUID().toString());
        EventEnvelope event =
                new EventEnvelope(id, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), refresh);
        return publisher.publish(List.of(event)).thenApply(done -> List.of(event));
    }
}
