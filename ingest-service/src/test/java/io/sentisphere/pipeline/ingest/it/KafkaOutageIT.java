package io.sentisphere.pipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.ingest.IngestApplication;
import io.sentisphere.pipeline.testkit.RestartableKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ingest-service against a real broker process that is stopped and started again: while Kafka is
 * gone requests get 503 within the deadline, health is 503, and afterwards the service recovers by
 * itself with every acknowledged event in the topic.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageIT {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static RestartableKafka kafka;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void restartableBroker(DynamicPropertyRegistry registry) throws Exception {
        kafka = RestartableKafka.start(Files.createTempDirectory("kafka-outage-it"));
        registry.add("KAFKA_BOOTSTRAP_SERVERS", kafka::bootstrapServers);
        registry.add("SERVICES_WEBHOOK_SHARED_SECRET", () -> IngestClient.SECRETS);
        registry.add("INGEST_KAFKA_DEADLINE_MS", () -> String.valueOf(DEADLINE.toMillis()));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        kafka.close();
    }

    @Test
    void answers503WithinTheDeadlineWhileKafkaIsDownAndRecoversWithNothingAcknowledgedLost() throws Exception {
        IngestClient client = new IngestClient(port);
        List<String> acknowledged = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/health").statusCode() == 200);
        for (int i = 0; i < 20; i++) {
            acknowledge(client, acknowledged);
        }

        // when Kafka goes away
        kafka.stop();

        // then every request is refused (an answer, not a hang: the test client gives up after 30 s,
        // the deadline is 2 s), with Retry-After, and health says so
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = client.postLegacy(IngestClient.EVENTS, Events.checkin(Events.uniqueId(), i));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(ContractJson.mapper()
                            .readTree(refused.body())
                            .get("error")
                            .asString())
                    .isEqualTo("kafka_unavailable");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health").statusCode() == 503);
        assertThat(client.get("/metrics").body())
                .contains("ingest_kafka_send_errors_total{")
                .containsPattern(
                        "ingest_requests_total\\{endpoint=\"events\",outcome=\"rejected\",reason=\"kafka_unavailable\"");

        // when Kafka comes back, the service recovers by itself
        kafka.start();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> acknowledge(client, acknowledged));
        for (int i = 0; i < 20; i++) {
            assertThat(acknowledge(client, acknowledged)).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health").statusCode() == 200);

        // and every acknowledged event is in the topic
        TopicView events = kafka.topic(Topics.EVENTS);
        List<String> ids = events.recordsSince(new TopicView.Mark(java.util.Map.of())).stream()
                .map(r -> ContractJson.mapper().readTree(r.value()).get("id").asString())
                .toList();
        assertThat(ids).containsAll(acknowledged);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(41);
    }

    /** Posts one new event; records its id when ingest answered 200. */
    private static boolean acknowledge(IngestClient client, List<String> acknowledged) {
        String id = Events.uniqueId();
        boolean ok = client.postLegacy(IngestClient.EVENTS, Events.checkin(id, acknowledged.size()))
                        .statusCode()
                == 200;
        if (ok) {
            acknowledged.add(id);
        }
        return ok;
    }
}
