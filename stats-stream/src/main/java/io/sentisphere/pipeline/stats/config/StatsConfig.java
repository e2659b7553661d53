package io.sentisphere.pipeline.stats.config;

import io.sentisphere.pipeline.service.config.EnvReader;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;

/**
 * stats-stream's configuration, read from environment variables once at start-up.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>required (local: 127.0.0.1:9092)</td></tr>
 *   <tr><td>STATS_TIMEZONE</td><td>Asia/Manila: the zone whose local days make the ranges</td></tr>
 *   <tr><td>STATS_PORT</td><td>8082</td></tr>
 *   <tr><td>STATS_STATE_DIR</td><td>./stats-state: RocksDB state, restorable from Kafka</td></tr>
 *   <tr><td>STATS_APPLICATION_ID</td><td>stats-stream: consumer group and internal topic prefix</td></tr>
 *   <tr><td>STATS_EMIT_INTERVAL_MS</td><td>100: how often changed ranges are emitted</td></tr>
 *   <tr><td>STATS_ROCKSDB_MEMORY_MB</td><td>32: block cache and write buffers of all stores together</td></tr>
 *   <tr><td>STATS_COMMIT_INTERVAL_MS</td><td>100: exactly-once commit interval; output is visible
 *       to read_committed readers only after a commit, so this adds to latency</td></tr>
 * </table>
 */
public record StatsConfig(
        String bootstrapServers,
        ZoneId zone,
        int port,
        Path stateDir,
        String applicationId,
        Duration emitInterval,
        long rocksDbMemoryBytes,
        Duration commitInterval,
        Map<String, String> printable) {

    public static StatsConfig load(Function<String, String> lookup) {
        EnvReader env = new EnvReader("stats-stream", lookup);
        String servers = env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String zoneName = env.optional("STATS_TIMEZONE", "Asia/Manila");
        int port = env.integer("STATS_PORT", 8082, 1, 65535);
        String stateDir = env.optional("STATS_STATE_DIR", "stats-state");
        String applicationId = env.optional("STATS_APPLICATION_ID", "stats-stream");
        Duration emit = env.millis("STATS_EMIT_INTERVAL_MS", Duration.ofMillis(100), Duration.ofMillis(10),
                Duration.ofSeconds(10));
        int memoryMb = env.integer("STATS_ROCKSDB_MEMORY_MB", 32, 16, 4096);
        Duration commit = env.millis("STATS_COMMIT_INTERVAL_MS", Duration.ofMillis(100), Duration.ofMillis(10),
                Duration.ofSeconds(30));
        ZoneId zone = null;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            env.problem("STATS_TIMEZONE must be a time zone id such as Asia/Manila (was '" + zoneName + "')");
        }
        Map<String, String> printable = env.finish();
        return new StatsConfig(servers, zone, port, Path.of(stateDir).toAbsolutePath(), applicationId, emit,
                memoryMb * 1024L * 1024L, commit, printable);
    }
}
