package io.sentisphere.pipeline.ingest.kafka;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.ingest.error.IngestErrors;
import io.sentisphere.pipeline.ingest.metrics.IngestMetrics;
import io.sentisphere.pipeline.service.error.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * Writes envelopes to {@link Topics#EVENTS}, keyed by {@link EventEnvelope#partitionKey()}.
 *
 * <p>Guarantee: the returned future completes normally only after the broker acknowledged every
 * record with {@code acks=all} (idempotent producer). It fails with {@code KafkaUnavailable} when
 * any record is not acknowledged within the deadline; some records of that request may still have
 * been written, which is safe because consumers count each event {@code id} once and the client
 * retries the same ids.
 *
 * <p>Hazard: {@code send} blocks the calling thread up to {@code max.block.ms} (set to the
 * deadline) while the broker's metadata is unknown, e.g. when the service starts with Kafka down.
 */
public final class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, byte[]> template;
    private final Duration deadline;
    private final IngestMetrics metrics;

    public EventPublisher(KafkaTemplate<String, byte[]> template, Duration deadline, IngestMetrics metrics) {
        this.template = template;
        this.deadline = deadline;
        this.metrics = metrics;
    }

    /**
     * A template for this publisher. spring-kafka's default listener logs the key of every failed
     * record, and keys are student ids; failures are logged here instead, without them.
     */
    public static KafkaTemplate<String, byte[]> template(ProducerFactory<String, byte[]> factory) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
        template.setProducerListener(new ProducerListener<>() {});
        return template;
    }

    public CompletableFuture<Void> publish(List<EventEnvelope> events) {
        CompletableFuture<?>[] sends = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < sends.length; i++) {
            EventEnvelope event = events.get(i);
            byte[] value = ContractJson.mapper().writeValueAsBytes(event);
            sends[i] = send(new ProducerRecord<>(Topics.EVENTS, event.partitionKey(), value));
        }
        return CompletableFuture.allOf(sends)
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    Throwable cause = rootCause(failure);
                    metrics.kafkaSendError(cause);
                    // Kafka's messages name topics and timeouts, never record contents.
                    String why = cause instanceof java.util.concurrent.TimeoutException
                            ? "no acknowledgement within " + deadline.toMillis() + " ms"
                            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
                    log.warn("Kafka write of {} record(s) failed, answering 503: {}", events.size(), why);
                    return CompletableFuture.failedFuture(
                            new ServiceException(IngestErrors.kafkaUnavailable(Duration.ofSeconds(5))));
                });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return template.send(record);
        } catch (RuntimeException e) {
            // metadata unavailable within max.block.ms, buffer exhausted, producer closed
            return CompletableFuture.failedFuture(e);
        }
    }
}
