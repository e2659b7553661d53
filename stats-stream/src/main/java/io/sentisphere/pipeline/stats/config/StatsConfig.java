package io.sentisphere.pipeline.stats.config;

import io.sentisphere.pipeline.service.config.ConfigDef;
import io.sentisphere.pipeline.service.config.ConfigDef.Setting;
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
 * stats-stream's configuration, read from environment variables once at start-up. Each variable
 * is declared once, in {@link #SETTINGS}; stats-stream's README table is generated from it.
 *
 * <p>Hazard: a fast restart also needs {@code STATS_STATE_DIR} kept across restarts. It holds the
 * RocksDB state and the Streams process id that names the exactly-once producer; with a fresh
 * directory the new producer cannot fence the dead one's open transaction, so processing waits
 * for that transaction to time out ({@code STATS_TRANSACTION_TIMEOUT_MS}) and the state is restored
 * from the changelogs (or taken over from a standby instance's warm copy).
 */
public record StatsConfig(
        String bootstrapServers,
        ZoneId zone,
        Path stateDir,
        String applicationId,
        Duration emitInterval,
        long rocksDbMemoryBytes,
        long recordCacheBytes,
        Duration commitInterval,
        String instanceId,
        Duration sessionTimeout,
        int standbyReplicas,
        Duration transactionTimeout,
        Map<String, String> printable) {

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** Every variable stats-stream reads. */
    public static final ConfigDef SETTINGS = new ConfigDef("stats-stream");

    static final Setting<String> BOOTSTRAP_SERVERS =
            SETTINGS.required("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "Kafka brokers, `host:port,…`");
    static final Setting<String> TIMEZONE = SETTINGS.optional(
            "STATS_TIMEZONE", "Asia/Manila", "the zone whose local days make the ranges (an IANA id)");
    static final Setting<Integer> PORT = SETTINGS.integer("STATS_PORT", 8082, 1, 65535, "HTTP port (health, metrics)");
    static final Setting<String> STATE_DIR = SETTINGS.optional(
            "STATS_STATE_DIR",
            "stats-state",
            "RocksDB state and the Streams process id; keep it across restarts (restorable from Kafka)");
    static final Setting<String> APPLICATION_ID =
            SETTINGS.optional("STATS_APPLICATION_ID", "stats-stream", "consumer group and internal topic prefix");
    static final Setting<Duration> EMIT_INTERVAL = SETTINGS.millis(
            "STATS_EMIT_INTERVAL_MS",
            Duration.ofMillis(100),
            Duration.ofMillis(10),
            Duration.ofSeconds(10),
            "how often changed ranges are emitted");
    static final Setting<Integer> ROCKSDB_MEMORY_MB = SETTINGS.integer(
            "STATS_ROCKSDB_MEMORY_MB", 32, 16, 4096, "block cache and write buffers of all stores together, MB");
    // The record cache coalesces per-event store updates until a commit; it costs about twice its
    // accounted size in heap objects, so it counts against the heap (-Xmx), not against
    // STATS_ROCKSDB_MEMORY_MB.
    static final Setting<Integer> RECORD_CACHE_MB = SETTINGS.integer(
            "STATS_RECORD_CACHE_MB",
            2,
            0,
            1024,
            "Kafka Streams' record cache for all stores (`statestore.cache.max.bytes`), MB of heap: "
                    + "coalesces updates of the same key between commits (0 turns it off)");
    static final Setting<Duration> COMMIT_INTERVAL = SETTINGS.millis(
            "STATS_COMMIT_INTERVAL_MS",
            Duration.ofMillis(500),
            Duration.ofMillis(10),
            Duration.ofSeconds(30),
            "exactly-once commit interval. Each emission is committed at once, so this paces commits only while "
                    + "catching up (over 1,000 events per emission interval), when stats reach `read_committed` "
                    + "readers at this pace; fewer commits make a catch-up faster");
    static final Setting<String> INSTANCE = SETTINGS.optional(
            "STATS_INSTANCE_ID",
            "",
            "unset: the host name. This instance's stable name in the consumer group (static membership, "
                    + "`group.instance.id`): unique per instance, the same across its restarts (a StatefulSet pod name)");
    // The broker accepts 6-300 s by default (group.min/max.session.timeout.ms).
    static final Setting<Duration> SESSION_TIMEOUT = SETTINGS.millis(
            "STATS_SESSION_TIMEOUT_MS",
            Duration.ofSeconds(6),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            "how long the group waits for a silent instance: a restart within it resumes without a rebalance; "
                    + "after it, a standby instance takes over. Under 6 s only if the brokers' "
                    + "`group.min.session.timeout.ms` allows it");
    static final Setting<Integer> STANDBY_REPLICAS = SETTINGS.integer(
            "STATS_STANDBY_REPLICAS",
            1,
            0,
            3,
            "warm copies of the state kept by other instances (`num.standby.replicas`), so one takes over "
                    + "without restoring; unused while one instance runs");
    // Equal to the session by default: a standby cannot take over before the dead member's session
    // has run out anyway, so a timeout up to the session costs nothing at takeover, and all of it is
    // room for a live instance's transaction to outlast a broker failover (its coordinator moving).
    static final Setting<Duration> TRANSACTION_TIMEOUT = SETTINGS.millis(
            "STATS_TRANSACTION_TIMEOUT_MS",
            Duration.ofSeconds(6),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            "how long the broker keeps a dead instance's open transaction before aborting it; readers of "
                    + "`read_committed` wait that long after a crash when another instance takes over. "
                    + "Keep it near `STATS_SESSION_TIMEOUT_MS` and longer than a broker failover: a live "
                    + "instance's transaction that outlasts it is aborted and the instance rebalances");

    public static StatsConfig load(Function<String, String> lookup) {
        ConfigDef.Values values = SETTINGS.read(lookup);
        String instanceId = values.orElse(INSTANCE, StatsConfig::hostName);
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            values.problem("STATS_INSTANCE_ID must be 1-200 characters of [A-Za-z0-9._-] (was '" + instanceId + "')");
        }
        ZoneId zone = null;
        String zoneName = values.get(TIMEZONE);
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            values.problem("STATS_TIMEZONE must be a time zone id such as Asia/Manila (was '" + zoneName + "')");
        }
        Map<String, String> printable = values.finish();
        return new StatsConfig(
                values.get(BOOTSTRAP_SERVERS),
                zone,
                Path.of(values.get(STATE_DIR)).toAbsolutePath(),
                values.get(APPLICATION_ID),
                values.get(EMIT_INTERVAL),
                values.get(ROCKSDB_MEMORY_MB) * 1024L * 1024L,
                values.get(RECORD_CACHE_MB) * 1024L * 1024L,
                values.get(COMMIT_INTERVAL),
                instanceId,
                values.get(SESSION_TIMEOUT),
                values.get(STANDBY_REPLICAS),
                values.get(TRANSACTION_TIMEOUT),
                printable);
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
