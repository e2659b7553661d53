package io.sentisphere.pipeline.broadcast.it;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes stats updates to {@code dashboard.stats.v1} as stats-stream would (key = range). */
final class StatsWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    StatsWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0));
    }

    static StatsUpdate update(StatsRange range, long checkins, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        DashboardStats stats = new DashboardStats(
                500,
                checkins,
                2,
                1,
                List.of(),
                now,
                range,
                new DashboardStats.Breakdown(Map.of(), Map.of(), Map.of()),
                null,
                new DashboardStats.Sentiments(0, 0, 0));
        return new StatsUpdate(range, reason, stats, now);
    }

    void write(StatsRange range, long checkins, String reason) {
        write(update(range, checkins, reason));
    }

    void write(StatsUpdate update) {
        producer.send(new ProducerRecord<>(
                Topics.STATS, update.range().wire(), ContractJson.mapper().writeValueAsString(update)));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
