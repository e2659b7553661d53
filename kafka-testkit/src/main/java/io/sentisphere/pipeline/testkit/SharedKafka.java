package io.sentisphere.pipeline.testkit;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one broker of a test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Default: spring-kafka-test's in-JVM KRaft broker, configured for exactly-once on one node
 * ({@code transaction.state.log.replication.factor=1}, {@code transaction.state.log.min.isr=1}).
 * With {@code -Dkafka.testkit.mode=testcontainers} (Maven profile {@code testcontainers}) it is
 * an {@code apache/kafka} container instead; that needs a Docker engine and CI never uses it.
 * Spring tests read the address with {@code SharedKafka.get().bootstrapServers()} in a
 * {@code @DynamicPropertySource}.
 */
public final class SharedKafka {

    /** System property selecting the broker: {@code embedded} (default) or {@code testcontainers}. */
    public static final String MODE_PROPERTY = "kafka.testkit.mode";

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static TestKafka instance;

    private SharedKafka() {}

    public static synchronized TestKafka get() {
        if (instance == null) {
            instance = "testcontainers".equals(System.getProperty(MODE_PROPERTY)) ? container() : embedded();
            TestKafka.createContractTopics(instance.bootstrapServers());
        }
        return instance;
    }

    private static TestKafka embedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                // A crashed transactional producer's open transaction is aborted within a second of
                // its timeout instead of up to 10 s later (failover tests time what readers wait).
                "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
                // The log cleaner checks for work every 0.5 s instead of 15 s, so compaction can be
                // observed; its dedupe buffer is 16 MiB instead of 128 (it lives in the test JVM).
                "log.cleaner.backoff.ms", "500",
                "log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        String servers = broker.getBrokersAsString();
        return () -> servers;
    }

    private static TestKafka container() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        String servers = container.getBootstrapServers();
        return () -> servers;
    }
}
