package io.sentisphere.pipeline.stats.errors;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record that could not be read or processed to the dead-letter topic, with the raw bytes
 * as they were on the source topic and headers saying why and where from
 * ({@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition}, {@code dlq.offset}).
 *
 * <p>Guarantee: {@link #publish} returns only after the dead-letter topic acknowledged the record;
 * if it cannot, it returns false and the handler stops the stream instead of losing the record.
 * Hazard: dead letters are written outside the stream's transaction, so a record may be
 * dead-lettered twice if its task is aborted and reprocessed.
 */
public final class DeadLetters {

    /** Streams config key naming the dead-letter topic. */
    public static final String TOPIC_CONFIG = "stats.dead.letter.topic";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static KafkaProducer<byte[], byte[]> producer;

    private final String topic;

    private DeadLetters(String topic) {
        this.topic = topic;
    }

    /** One shared producer per JVM, created from the Streams configuration. */
    static synchronized DeadLetters from(Map<String, ?> streamsConfigs) {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            streamsConfigs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.CLIENT_ID_CONFIG,
                            "stats-stream-dead-letters"),
                    new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        return new DeadLetters(String.valueOf(streamsConfigs.get(TOPIC_CONFIG)));
    }

    boolean publish(ErrorHandlerContext context, byte[] key, byte[] value, Exception reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                "dlq.reason",
                (reason.getClass().getSimpleName() + ": " + reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("dlq.topic", context.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dlq.partition", String.valueOf(context.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dlq.offset", String.valueOf(context.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(30, TimeUnit.SECONDS);
            // Position and exception type only: the record and Jackson messages may hold student data.
            log.warn(
                    "dead-lettered {}-{}@{} to {}: {}",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    topic,
                    reason.getClass().getSimpleName());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.error(
                    "could not dead-letter {}-{}@{}: {}",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    e.toString());
            return false;
        }
    }
}
