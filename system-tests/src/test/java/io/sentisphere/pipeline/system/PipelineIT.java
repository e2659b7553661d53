package io.sentisphere.pipeline.system;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end: a signed check-in posted to ingest-service → Kafka → stats-stream → Kafka →
 * broadcast-service → channels-server → the dashboard's Laravel Echo client (Node). The pages in
 * headless Chromium are {@link DashboardIT}'s.
 */
@KafkaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    Pipeline pipeline;
    String token;

    @BeforeAll
    void startPipeline() throws Exception {
        pipeline = new Pipeline(SharedKafka.get().bootstrapServers());
        token = counselorToken();
    }

    @AfterAll
    void stopPipeline() throws Exception {
        pipeline.close();
    }

    static String counselorToken() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("counselor-7")
                        .claim("role", "counselor")
                        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .build());
        jwt.sign(new MACSigner(Pipeline.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static String checkin(int userId) {
        return """
                {"id": "%s", "type": "checkin.created", "occurred_at": "%s", "data": {"checkin_id": %d, \
                "user_id": %d, "mood_level": "Great", "energy_level": "High", "stress_level": "Low Stress", \
                "feel_better": "Yes", "comment": "private words that must never reach Kafka"}}""".formatted(
                        UUID.randomUUID(),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0)),
                        userId,
                        userId);
    }

    static String batch(int size, int firstUser) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (int i = 0; i < size; i++) {
            joiner.add(checkin(firstUser + i));
        }
        return joiner.toString();
    }

    /** this_week_checkins as broadcast-service currently knows it (after stats-stream's start-up emission). */
    long currentCheckins() {
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> pipeline.current("this_week", token).statusCode() == 200);
        try {
            return JSON.readTree(pipeline.current("this_week", token).body())
                    .path("this_week_checkins")
                    .asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsClient echo() {
        JsClient client = JsClient.start();
        client.echo("app-key", pipeline.channelsPort, pipeline.authEndpoint(), token);
        client.listenToDashboard("cache-dashboard");
        client.await(type("echo-subscribed", "cache-dashboard"), WAIT);
        return client;
    }

    static Predicate<JsonNode> checkins(long count) {
        return type("echo-event", "cache-dashboard")
                .and(l ->
                        l.path("data").path("stats").path("this_week_checkins").asLong() == count);
    }

    @Test
    void aSignedCheckinReachesTheDashboardAsDashboardUpdated() throws Exception {
        long before = currentCheckins();
        try (JsClient dashboard = echo()) {

            assertThat(pipeline.postEvents(checkin(90_001)).statusCode()).isEqualTo(200);

            JsonNode event = dashboard.await(checkins(before + 1), WAIT);
            assertThat(event.path("data").path("type").asString()).isEqualTo("stats_update");
            assertThat(event.path("data").path("reason").asString()).isEqualTo("checkin.created");
            assertThat(event.toString()).doesNotContain("private words");
        }
    }

    @Test
    void aBurstOfAThousandCheckinsArrivesAsFewEventsEndingWithTheExactCount() throws Exception {
        long before = currentCheckins();
        try (JsClient dashboard = echo()) {

            for (int i = 0; i < 10; i++) {
                assertThat(pipeline.postEvents(batch(100, 100_000 + i * 100)).statusCode())
                        .isEqualTo(200);
            }

            dashboard.await(checkins(before + 1_000), WAIT);
            List<JsonNode> received = dashboard.lines(type("echo-event", "cache-dashboard")
                    .and(l -> l.path("data")
                                    .path("stats")
                                    .path("this_week_checkins")
                                    .asLong()
                            > before));
            assertThat(received.size()).as("events for 1,000 check-ins").isLessThan(100);
            assertThat(received.get(received.size() - 1)
                            .path("data")
                            .path("stats")
                            .path("this_week_checkins")
                            .asLong())
                    .isEqualTo(before + 1_000);
        }
    }
}
