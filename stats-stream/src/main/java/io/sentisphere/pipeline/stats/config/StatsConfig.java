package io.sentisphere.pipeline.stats.config;

import io.sentisphere.pipeline.service.config.EnvReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

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
 *   <tr><td>STATS_INSTANCE_ID</td><td>the host name: this instance's stable name in the consumer group
 *       (Kafka static membership, {@code group.instance.id}). A restart under the same name within
 *       the session timeout takes its tasks back at once, without a rebalance. Must be unique per
 *       running instance and the same across its restarts (a StatefulSet pod name, a VM's name)</td></tr>
 *   <tr><td>STATS_SESSION_TIMEOUT_MS</td><td>10000: how long the group waits for a silent instance
 *       before giving its tasks to another; a restart within it resumes without a rebalance</td></tr>
 * </table>
 *
 * <p>Hazard: a fast restart also needs {@code STATS_STATE_DIR} kept across restarts. It holds the
 * RocksDB state and the Streams process id that names the exactly-once producer; with a fresh
 * directory the new producer cannot fence the dead one's open transaction, so processing waits
 * for that transaction to time out (10 s) and the state is restored from the changelogs.
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
        String instanceId,
        Duration sessionTimeout,
        Map<String, String> printable) {

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

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
        String instanceId = env.optional("STATS_INSTANCE_ID", hostName());
        if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
            env.problem("STATS_INSTANCE_ID must be 1-200 characters of [A-Za-z0-9._-] (was '" + instanceId + "')");
        }
        // The broker accepts 6-300 s by default (group.min/max.session.timeout.ms).
        Duration session = env.millis("STATS_SESSION_TIMEOUT_MS", Duration.ofSeconds(10), Duration.ofSeconds(6),
                Duration.ofMinutes(5));
        ZoneId zone = null;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            env.problem("STATS_TIMEZONE must be a time zone id such as Asia/Manila (was '" + zoneName + "')");
        }
        Map<String, String> printable = env.finish();
        return new StatsConfig(servers, zone, port, Path.of(stateDir).toAbsolutePath(), applicationId, emit,
                memoryMb * 1024L * 1024L, commit, instanceId, session, printable);
    }

    /** {@code HOSTNAME} (set by shells, Docker and Kubernetes), else the name the OS reports. */
    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "stats-stream";
        }
    }
}
