package io.sentisphere.pipeline.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamThreadCommits} reads a real stream thread's commit count, which {@link
 * EmissionPacing} relies on: without it, pacing silently falls back to the interval alone.
 */
@KafkaIntegrationTest
class StreamThreadCommitsIT {

    @Test
    void aProcessorSeesItsStreamThreadsCommitCountGrowWithEachRequestedCommit(TestKafka kafka) throws Exception {
        String input = "commit-count-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1))).all().get();
        }
        List<Long> seen = new CopyOnWriteArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private ProcessorContext<Void, Void> context;
                    private LongSupplier commits;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        this.context = context;
                        commits = StreamThreadCommits.of(context.metrics());
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        seen.add(commits.getAsLong());
                        context.commit();
                    }
                });
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, input);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("commit-count-it").toString());
        // Commits come from the requests: the interval finds nothing left to commit after each.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 9_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        // given a running exactly-once Streams app whose processor asks for a commit per record
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            streams.start();

            // when records arrive one at a time
            for (int i = 0; i < 3; i++) {
                int before = seen.size();
                producer.send(new ProducerRecord<>(input, "k", "v" + i)).get();
                await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() > before);
            }

            // then each record saw the count of the commits before it: it grows one by one
            assertThat(seen).hasSize(3);
            assertThat(seen.get(1) - seen.get(0)).isEqualTo(1);
            assertThat(seen.get(2) - seen.get(1)).isEqualTo(1);
        }
    }
}
