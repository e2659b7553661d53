package io.sentisphere.pipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.local.CreateTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local cluster mode: three real KRaft broker processes with the contract topics and the
 * internal ones replicated three times, two in sync required; and {@code bin/create-topics}
 * against it. The tests share one cluster and run in order (the last one kills a broker).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedKafkaIT {

    static ReplicatedKafka kafka;
    static Admin admin;

    @BeforeAll
    static void startCluster() throws Exception {
        kafka = ReplicatedKafka.start(Files.createTempDirectory("replicated-kafka"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    record Run(int status, String out, String err) {}

    static Run createTopics(String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CreateTopics.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String config(String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(name).value();
    }

    static int replicas(String topic) throws Exception {
        TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().get(0).replicas().size();
    }

    @Test
    @Order(1)
    void contractTopicsAreReplicatedThreeTimesWithTwoInSync() throws Exception {
        for (String topic : List.of(Topics.EVENTS, Topics.STATS, Topics.EVENTS_DLQ)) {
            assertThat(replicas(topic)).as(topic).isEqualTo(3);
            assertThat(config(topic, "min.insync.replicas")).as(topic).isEqualTo("2");
        }
    }

    @Test
    @Order(2)
    void aProvisionedClusterIsInLineAndARunChangesNothing() throws Exception {
        Run run = createTopics("--bootstrap-server", kafka.bootstrapServers());

        assertThat(run.status()).as(run.err()).isEqualTo(CreateTopics.OK);
        assertThat(run.out().lines()).allMatch(line -> line.startsWith("ok "));
        assertThat(run.out()).contains(Topics.EVENTS, Topics.STATS, Topics.EVENTS_DLQ);
    }

    @Test
    @Order(3)
    void driftIsReportedAndAlteredOnlyWhenAsked() throws Exception {
        // given a stats topic whose segments an operator changed by hand
        ConfigResource stats = new ConfigResource(ConfigResource.Type.TOPIC, Topics.STATS);
        admin.incrementalAlterConfigs(Map.of(
                        stats,
                        List.of(new AlterConfigOp(
                                new ConfigEntry("segment.ms", "604800000"), AlterConfigOp.OpType.SET))))
                .all()
                .get();
        // The controller has the change; each broker applies it from the metadata log a moment later.
        await().atMost(TestKafka.PATIENCE)
                .untilAsserted(
                        () -> assertThat(config(Topics.STATS, "segment.ms")).isEqualTo("604800000"));

        Run check = createTopics("--bootstrap-server", kafka.bootstrapServers(), "--check");
        Run plain = createTopics("--bootstrap-server", kafka.bootstrapServers());

        assertThat(check.status()).isEqualTo(CreateTopics.DRIFT);
        assertThat(plain.status()).isEqualTo(CreateTopics.DRIFT);
        assertThat(plain.out())
                .contains("DRIFT    " + Topics.STATS)
                .contains("segment.ms: 604800000 (contract: 600000)");
        assertThat(config(Topics.STATS, "segment.ms"))
                .as("reported, not changed")
                .isEqualTo("604800000");

        Run alter = createTopics("--bootstrap-server", kafka.bootstrapServers(), "--alter-configs");

        assertThat(alter.status()).isEqualTo(CreateTopics.OK);
        assertThat(alter.out()).contains("altered  " + Topics.STATS);
        await().atMost(TestKafka.PATIENCE)
                .untilAsserted(
                        () -> assertThat(config(Topics.STATS, "segment.ms")).isEqualTo("600000"));
        assertThat(createTopics("--bootstrap-server", kafka.bootstrapServers()).status())
                .isEqualTo(CreateTopics.OK);
    }

    @Test
    @Order(4)
    void aMissingTopicIsCreatedAndALayoutMismatchIsDriftNotAChange() throws Exception {
        admin.deleteTopics(List.of(Topics.EVENTS_DLQ)).all().get();
        await().atMost(TestKafka.PATIENCE)
                .until(() -> !admin.listTopics().names().get().contains(Topics.EVENTS_DLQ));

        Run check = createTopics("--bootstrap-server", kafka.bootstrapServers(), "--check");
        assertThat(check.status()).isEqualTo(CreateTopics.DRIFT);
        assertThat(check.out()).contains("missing  " + Topics.EVENTS_DLQ);

        Run create = createTopics("--bootstrap-server", kafka.bootstrapServers());
        assertThat(create.status()).as(create.err()).isEqualTo(CreateTopics.OK);
        assertThat(create.out()).contains("created  " + Topics.EVENTS_DLQ + " (1 partition(s), replication factor 3)");
        assertThat(replicas(Topics.EVENTS_DLQ)).isEqualTo(3);

        Run single = createTopics("--bootstrap-server", kafka.bootstrapServers(), "--replication-factor", "1");
        assertThat(single.status()).isEqualTo(CreateTopics.DRIFT);
        assertThat(single.out())
                .contains("replication factor: 3 (contract: 1)")
                .contains("min.insync.replicas: 2 (contract: 1)");
    }

    @Test
    @Order(5)
    void badOptionsAndAnUnreachableClusterAreClearErrors() throws Exception {
        Run noServer = createTopics("--replication-factor", "3");
        Run badIsr =
                createTopics("--bootstrap-server", "x:1", "--replication-factor", "1", "--min-insync-replicas", "2");
        Path fast = Files.createTempFile("client", ".properties");
        Files.writeString(fast, "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n");
        Run unreachable = createTopics("--bootstrap-server", "127.0.0.1:1", "--command-config", fast.toString());

        assertThat(noServer.status()).isEqualTo(CreateTopics.USAGE);
        assertThat(noServer.err()).contains("bootstrap-server");
        assertThat(badIsr.status()).isEqualTo(CreateTopics.USAGE);
        assertThat(badIsr.err()).contains("min.insync.replicas");
        assertThat(unreachable.status()).isEqualTo(CreateTopics.FAILED);
        assertThat(unreachable.err()).startsWith("create-topics: listing topics failed");
    }

    @Test
    @Order(6)
    void internalTopicsAreReplicatedAndWritesSurviveAKilledBroker() throws Exception {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "replicated-it",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                60_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.EVENTS_DLQ, "k", "before"));
            producer.commitTransaction();
            assertThat(replicas("__transaction_state")).isEqualTo(3);
            assertThat(config("__transaction_state", "min.insync.replicas")).isEqualTo("2");

            // when one broker dies without a controlled shutdown
            kafka.broker(2).kill();

            // then acknowledged writes (acks=all, two in sync) still go through
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.EVENTS_DLQ, "k", "after")).get();
            producer.commitTransaction();
        }
        TopicView dlq = kafka.topic(Topics.EVENTS_DLQ).committed();
        await().atMost(TestKafka.PATIENCE)
                .until(() -> dlq.recordsSince(new TopicView.Mark(Map.of())).stream()
                        .map(r -> r.value())
                        .toList()
                        .containsAll(List.of("before", "after")));
        kafka.broker(2).restart();
        assertThat(kafka.broker(2).isRunning()).isTrue();
    }
}
