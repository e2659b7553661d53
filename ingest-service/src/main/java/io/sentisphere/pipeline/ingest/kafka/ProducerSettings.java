package io.sentisphere.pipeline.ingest.kafka;

import io.sentisphere.pipeline.ingest.config.IngestConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer configuration behind ingest's durability promise: idempotent, {@code acks=all}, and
 * every wait bounded by the request deadline so that no HTTP request hangs for Kafka's one-minute
 * defaults.
 */
public final class ProducerSettings {

    private ProducerSettings() {}

    public static Map<String, Object> of(IngestConfig config) {
        int deadline = (int) config.kafkaDeadline().toMillis();
        int linger = 2;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // delivery.timeout.ms >= linger.ms + request.timeout.ms is required by the client.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deadline);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, deadline - linger));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deadline);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return props;
    }
}
