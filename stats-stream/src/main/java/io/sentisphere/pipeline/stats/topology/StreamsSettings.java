package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.service.kafka.GroupHeartbeat;
import io.sentisphere.pipeline.stats.config.BoundedRocksDbMemory;
import io.sentisphere.pipeline.stats.config.StatsConfig;
import io.sentisphere.pipeline.stats.errors.DeadLetterDeserializationHandler;
import io.sentisphere.pipeline.stats.errors.DeadLetterProcessingHandler;
import io.sentisphere.pipeline.stats.errors.DeadLetters;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration behind stats-stream's guarantees: exactly-once v2 (state,
 * offsets and output in one transaction, so counts survive crashes without double counting),
 * dead-letter policies instead of crashes, bounded RocksDB memory, state in a configured folder,
 * static group membership so a restart resumes without waiting for a rebalance, standby replicas so
 * another instance takes over a crashed one's task warm.
 */
public final class StreamsSettings {

    private StreamsSettings() {}

    public static Properties of(StatsConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(DeadLetters.TOPIC_CONFIG, Topics.EVENTS_DLQ);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.MEMORY_CONFIG, String.valueOf(config.rocksDbMemoryBytes()));
        // The record cache (per-event state puts coalesced until commit) costs about twice its accounted size
        // in heap objects; the 2 MiB default keeps the hot per-day totals cached without crowding a small heap.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.recordCacheBytes());
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Static membership: a restarted instance rejoins under its old name and gets its task back
        // at once, instead of the group waiting for the dead member's session to expire. Streams
        // appends "-<thread index>" per stream thread.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int)
                config.sessionTimeout().toMillis());
        // The surviving instance learns of a rebalance only at its next heartbeat.
        props.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                GroupHeartbeat.intervalMillis(config.sessionTimeout()));
        // A client learns that a broker has died only from a request that fails or from its next
        // metadata refresh (every 5 minutes by default). A standby's producer and main consumer send
        // nothing until they take over, so without this their first requests then go to a broker
        // that may have been dead for minutes, and each waits out a retry back-off.
        props.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, 5_000);
        // Two or more instances: the others keep the state warm from the changelogs, and the task moves
        // to a caught-up standby when its instance dies (after the session timeout).
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        // A crashed instance's open transaction blocks read_committed readers of the stats until the
        // broker aborts it; commits come every emission (100 ms) or commit interval (500 ms), so a
        // short timeout costs nothing.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int)
                config.transactionTimeout().toMillis());
        // The group leader lists the changelogs' end offsets while it computes an assignment, and the
        // group drops it if that takes longer than the session. Kafka's admin client (4.1) caches
        // partition leaders and, once a cached leader's broker has died, waits on it until the call
        // times out (KAFKA-20673; 60 s by default: failover took over a minute in
        // HighAvailabilityIT). So after a broker's loss every takeover waits out this bound in full
        // (seen in HighAvailabilityIT's logs): it is kept short. A call that fails only makes the
        // assignment sticky, Kafka Streams' documented fallback, which is what a failover wants
        // anyway, and topic set-up at start retries its calls. Healthy, a call takes milliseconds.
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG), 250);
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG), 250);
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG), 300);
        props.put(
                StreamsConfig.adminClientPrefix(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG), 500);
        // Client buffers live on the heap: bound them so catch-up cannot balloon it (defaults are a
        // 50 MiB fetch and a 32 MiB producer buffer).
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 8 * 1024 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 8L * 1024 * 1024);
        return props;
    }
}
