package io.sentisphere.pipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentisphere.pipeline.ingest.Ingestor;
import io.sentisphere.pipeline.ingest.config.IngestConfig;
import io.sentisphere.pipeline.ingest.kafka.EventPublisher;
import io.sentisphere.pipeline.ingest.metrics.IngestMetrics;
import io.sentisphere.pipeline.ingest.payload.PayloadParser;
import io.sentisphere.pipeline.ingest.signature.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The HTTP edge's promises that need control over Kafka's acknowledgement: Kafka's own
 * {@link MockProducer} holds sends until the test completes or fails them.
 */
class IngestControllerTest {

    private static final String BODY = "{\"reason\": \"mobile_checkin\", \"range\": \"today\"}";

    /** Kafka's own test producer; kept open because KafkaTemplate closes raw producers after each send. */
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {}
            };

    private IngestController controller(int maxInFlight, Duration deadline) {
        IngestConfig config = IngestConfig.load(Map.of(
                "PIPELINE_PROFILE",
                "local",
                "INGEST_MAX_IN_FLIGHT",
                String.valueOf(maxInFlight),
                "INGEST_KAFKA_DEADLINE_MS",
                String.valueOf(deadline.toMillis()))::get);
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        Clock clock = Clock.systemUTC();
        Ingestor ingestor = new Ingestor(
                new SignatureVerifier(config.secrets(), config.signatureTolerance(), clock),
                new PayloadParser(clock),
                new EventPublisher(EventPublisher.template(() -> producer), deadline, metrics),
                clock);
        return new IngestController(ingestor, config, metrics);
    }

    private static MockHttpServletRequest signedRequest() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/dashboard/notify-update");
        request.setContentType("application/json");
        request.setContent(body);
        request.addHeader(
                "X-Webhook-Signature",
                HexFormat.of()
                        .formatHex(SignatureVerifier.hmac(
                                "local-webhook-secret".getBytes(StandardCharsets.UTF_8), List.of(body))));
        return request;
    }

    @Test
    void answersOnlyAfterKafkaAcknowledged() {
        IngestController controller = controller(10, Duration.ofSeconds(30));

        CompletableFuture<ResponseEntity<Object>> response = controller.notifyUpdate(signedRequest());

        assertThat(response).isNotDone();
        producer.completeNext();
        assertThat(response.join().getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void refusesRequestsPastTheInFlightBoundWith503AndRetryAfter() {
        IngestController controller = controller(1, Duration.ofSeconds(30));
        CompletableFuture<ResponseEntity<Object>> first = controller.notifyUpdate(signedRequest());

        ResponseEntity<Object> second = controller.notifyUpdate(signedRequest()).join();

        assertThat(second.getStatusCode().value()).isEqualTo(503);
        assertThat(second.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(second.getBody()).isEqualTo(Map.of("error", "overloaded"));
        assertThat(producer.history()).hasSize(1);

        producer.completeNext();
        assertThat(first.join().getStatusCode().value()).isEqualTo(200);
        CompletableFuture<ResponseEntity<Object>> third = controller.notifyUpdate(signedRequest());
        producer.completeNext();
        assertThat(third.join().getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void answers503WhenKafkaRefusesTheRecord() {
        IngestController controller = controller(10, Duration.ofSeconds(30));
        CompletableFuture<ResponseEntity<Object>> response = controller.notifyUpdate(signedRequest());

        producer.errorNext(new NotEnoughReplicasException("min.insync.replicas not met"));

        ResponseEntity<Object> refused = response.join();
        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isNotNull();
        assertThat(refused.getBody()).isEqualTo(Map.of("error", "kafka_unavailable"));
    }

    @Test
    void answers503WhenKafkaDoesNotAnswerWithinTheDeadline() {
        IngestController controller = controller(10, Duration.ofMillis(500));

        ResponseEntity<Object> refused =
                controller.notifyUpdate(signedRequest()).join();

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getBody()).isEqualTo(Map.of("error", "kafka_unavailable"));
    }
}
