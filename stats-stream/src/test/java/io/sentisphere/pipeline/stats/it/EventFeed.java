package io.sentisphere.pipeline.stats.it;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.EventData;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events to {@code dashboard.events.v1} exactly as ingest does (same key, same JSON). */
final class EventFeed implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    EventFeed(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    void send(String id, EventData data) {
        EventEnvelope event = new EventEnvelope(id, OffsetDateTime.now(ZoneOffset.ofHours(8)), data);
        sendRaw(event.partitionKey(), ContractJson.mapper().writeValueAsString(event));
    }

    void sendRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
