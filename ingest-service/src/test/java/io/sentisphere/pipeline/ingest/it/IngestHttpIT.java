package io.sentisphere.pipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.schema.ContractSchemas;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.testkit.SharedKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IngestServiceTest
class IngestHttpIT {

    /** Exactly what Python's json.dumps produced for the old caller, spaces included. */
    private static final String PYTHON_BODY =
            "{\"reason\": \"mobile_checkin\", \"stats\": null, \"range\": \"this_week\"}";
    /** hmac.new(b"test-webhook-secret", PYTHON_BODY, sha256).hexdigest(), computed with CPython 3.11. */
    private static final String PYTHON_SIGNATURE = "6941c6ebf12c58c9b7af7670aa16aa5389a38e669b319c90f793ab4cbb94f1c9";

    @LocalServerPort
    int port;

    private IngestClient client;
    private final TopicView events = SharedKafka.get().topic(Topics.EVENTS);
    private TopicView.Mark before;

    @BeforeEach
    void setUp() {
        client = new IngestClient(port);
        before = events.mark();
    }

    /** Whatever a test made ingest write, it wrote what the contract's schema describes. */
    @AfterEach
    void everyRecordWrittenMatchesTheEnvelopeSchema() {
        for (ConsumerRecord<String, String> record : written()) {
            assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENT_ENVELOPE, record.value()))
                    .as("record at offset " + record.offset())
                    .isEmpty();
        }
    }

    private List<ConsumerRecord<String, String>> written() {
        return events.recordsSince(before);
    }

    private static JsonNode json(String text) {
        return ContractJson.mapper().readTree(text);
    }

    @Test
    void acceptsTheOldFastApiCallersExactBytesAndWritesARefreshRequest() {
        HttpResponse<String> response = client.post(
                IngestClient.NOTIFY,
                Map.of("Content-Type", "application/json", "X-Webhook-Signature", PYTHON_SIGNATURE),
                PYTHON_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.get("status").asString()).isEqualTo("accepted");
        List<ConsumerRecord<String, String>> records = written();
        assertThat(records).hasSize(1);
        EventEnvelope event = ContractJson.mapper().readValue(records.get(0).value(), EventEnvelope.class);
        assertThat(event.data()).isEqualTo(new RefreshRequested("mobile_checkin", StatsRange.THIS_WEEK));
        assertThat(event.id()).isEqualTo(body.get("event_id").asString());
        assertThat(records.get(0).key()).isEqualTo(event.id());
    }

    @Test
    void refusesACompactReserializationSentWithTheOriginalSignature() {
        String compact = ContractJson.mapper().writeValueAsString(json(PYTHON_BODY));

        HttpResponse<String> response = client.post(
                IngestClient.NOTIFY,
                Map.of("Content-Type", "application/json", "X-Webhook-Signature", PYTHON_SIGNATURE),
                compact.getBytes(StandardCharsets.UTF_8));

        assertThat(compact).isNotEqualTo(PYTHON_BODY);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).get("error").asString()).isEqualTo("invalid_signature");
        assertThat(written()).isEmpty();
    }

    @Test
    void writesEveryEventTypeKeyedByStudentOrId() {
        String batch = "["
                + String.join(
                        ",",
                        Events.checkin("c-1", 42),
                        Events.journal("j-1", 43),
                        """
                {"id": "s-1", "type": "sentiment.analyzed", "occurred_at": "%s", "data": {"subject": "checkin",
                 "subject_id": 1, "user_id": null, "sentiment": "negative", "confidence": 0.7}}""".formatted(Events.now()),
                        """
                {"id": "a-1", "type": "alert.created", "occurred_at": "%1$s", "data": {"alert_id": 5, "user_id": 44,
                 "name": "Student", "severity": "high", "status": "open", "reason": "r", "created_at": "%1$s"}}""".formatted(Events.now()),
                        """
                {"id": "a-2", "type": "alert.updated", "occurred_at": "%1$s", "data": {"alert_id": 5, "user_id": 44,
                 "name": "Student", "severity": "high", "status": "resolved", "reason": "r", "created_at": "%1$s"}}""".formatted(Events.now()),
                        """
                {"id": "l-1", "type": "activity.logged", "occurred_at": "%s", "data": {"user_id": 45,
                 "action": "downloaded_form", "target_type": "form"}}""".formatted(Events.now()))
                + "]";

        HttpResponse<String> response = client.postLegacy(IngestClient.EVENTS, batch);

        assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENTS_REQUEST, batch))
                .isEmpty();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("count").asInt()).isEqualTo(6);
        assertThat(written()).hasSize(6);
        assertThat(written())
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("42", "43", "s-1", "44", "44", "45");
        assertThat(written())
                .extracting(r -> json(r.value()).get("type").asString())
                .containsExactlyInAnyOrder(
                        "checkin.created",
                        "journal.created",
                        "sentiment.analyzed",
                        "alert.created",
                        "alert.updated",
                        "activity.logged");
    }

    @Test
    void neverWritesFreeTextToKafka() {
        HttpResponse<String> response = client.postLegacy(
                IngestClient.EVENTS,
                "[" + Events.checkin(Events.uniqueId(), 7) + "," + Events.journal(Events.uniqueId(), 7) + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(written())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.value())
                        .doesNotContain("comment", "talking to a friend", "content", "dear diary"));
        CheckinCreated checkin = (CheckinCreated) ContractJson.mapper()
                .readValue(
                        written().stream()
                                .filter(r -> r.value().contains("checkin.created"))
                                .findFirst()
                                .orElseThrow()
                                .value(),
                        EventEnvelope.class)
                .data();
        assertThat(checkin.userId()).isEqualTo(7L);
    }

    @Test
    void aBatchWithOneBadItemWritesNothing() {
        String bad = Events.checkin(Events.uniqueId(), 9).replace("\"Okay\"", "\"Fine\"");

        HttpResponse<String> response =
                client.postLegacy(IngestClient.EVENTS, "[" + Events.checkin(Events.uniqueId(), 8) + "," + bad + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response.body());
        assertThat(body.get("error").asString()).isEqualTo("invalid_payload");
        assertThat(body.get("details").get(0).get("field").asString()).isEqualTo("[1].data.mood_level");
        assertThat(written()).isEmpty();
    }

    @Test
    void acceptsTheSameEventIdTwiceWithTheSameIdAndKey() {
        String event = Events.checkin(Events.uniqueId(), 11);

        assertThat(client.postLegacy(IngestClient.EVENTS, event).statusCode()).isEqualTo(200);
        assertThat(client.postLegacy(IngestClient.EVENTS, event).statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = written();
        assertThat(records).hasSize(2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("11");
        assertThat(records)
                .extracting(r -> json(r.value()).get("id").asString())
                .containsOnly(json(event).get("id").asString());
    }

    @Test
    void acceptsStandardWebhooksAndUsesTheWebhookIdForRefreshRequests() {
        String webhookId = "msg_" + Events.uniqueId();

        HttpResponse<String> response = client.postStandard(
                IngestClient.NOTIFY, webhookId, Instant.now(), "{\"reason\": \"new_alert\", \"range\": \"last_7d\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        EventEnvelope event = ContractJson.mapper().readValue(written().get(0).value(), EventEnvelope.class);
        assertThat(event.id()).isEqualTo(webhookId);
        assertThat(event.data()).isEqualTo(new RefreshRequested("new_alert", StatsRange.LAST_7_DAYS));
    }

    @Test
    void refusesAStaleStandardWebhook() {
        HttpResponse<String> response = client.postStandard(
                IngestClient.EVENTS, "msg_old", Instant.now().minusSeconds(600), Events.checkin(Events.uniqueId(), 1));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).get("error").asString()).isEqualTo("stale_timestamp");
        assertThat(written()).isEmpty();
    }

    @Test
    void servesItsOpenApiDocumentAndTheSchemasItReferences() {
        HttpResponse<String> openApi = client.get("/openapi.yaml");
        HttpResponse<String> envelope = client.get("/schemas/event-envelope.json");
        HttpResponse<String> nested = client.get("/schemas/events/checkin.created.json");

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(openApi.body()).startsWith("openapi: 3.1").contains("/api/events:", "/api/dashboard/notify-update:");
        assertThat(envelope.statusCode()).isEqualTo(200);
        assertThat(envelope.body()).contains("\"title\": \"Event envelope\"");
        assertThat(nested.statusCode()).isEqualTo(200);
        assertThat(client.get("/schemas/../application.properties").statusCode())
                .isEqualTo(404);
    }

    @Test
    void reportsHealthAndPrometheusMetrics() {
        client.postLegacy(IngestClient.EVENTS, Events.journal(Events.uniqueId(), 1));
        client.post(
                IngestClient.EVENTS, Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        String metrics = client.get("/metrics").body();
        assertThat(metrics)
                .containsPattern("ingest_requests_total\\{endpoint=\"events\",outcome=\"accepted\",reason=\"none\"")
                .containsPattern(
                        "ingest_requests_total\\{endpoint=\"events\",outcome=\"rejected\",reason=\"invalid_signature\"")
                .contains(
                        "ingest_events_accepted_total{",
                        "ingest_request_duration_seconds_bucket{",
                        "ingest_in_flight_limit{");
    }
}
