package io.sentisphere.pipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.schema.ContractSchemas;
import io.sentisphere.pipeline.testkit.SharedKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken requests, most of them correctly signed so they reach the parser: each must
 * get a 4xx with a machine-readable {@code error}, none a 5xx, and nothing may reach the topic.
 */
@IngestServiceTest
class BadRequestCorpusIT {

    @LocalServerPort
    int port;

    record BadRequest(String name, String path, Map<String, String> headers, byte[] body, int expectedStatus) {}

    private static final String VALID_DATA = "{\"checkin_id\": 1, \"user_id\": 2, \"mood_level\": \"Meh\","
            + " \"energy_level\": \"Low\", \"stress_level\": \"Moderate\"}";

    private static String envelope(String id, String type, String occurredAt, String data) {
        return "{\"id\": " + id + ", \"type\": " + type + ", \"occurred_at\": " + occurredAt + ", \"data\": " + data
                + "}";
    }

    private static String checkinWith(String field, String value) {
        return envelope(
                "\"e\"",
                "\"checkin.created\"",
                "\"2026-11-25T10:00:00Z\"",
                VALID_DATA.replaceFirst("\"" + field + "\": [^,}]+", "\"" + field + "\": " + value));
    }

    private static List<BadRequest> corpus() {
        List<BadRequest> corpus = new ArrayList<>();
        List<String> malformed = List.of(
                "{",
                "}",
                "[",
                "[1,2",
                "{\"id\":}",
                "{\"id\" \"x\"}",
                "{'id': 'x'}",
                "{id: \"x\"}",
                "{\"a\": 1,}",
                "[1,]",
                "{\"a\": 1}}",
                "nul",
                "tru",
                "NaN",
                "{\"a\": NaN}",
                "{\"a\": 01}",
                "{\"a\": .5}",
                "{\"a\": \"\\u00\"}",
                "{\"a\": \"unterminated}",
                "// c\n{}",
                "{\"a\": 1} trailing",
                "{\"a\": 1} {\"b\": 2}",
                "\"just a string\"",
                "42",
                "null",
                "true",
                " ",
                "{\"id\": \"a\", \"id\": \"b\"}",
                "{\"a\": -}",
                "{\"a\": 1e}");
        for (String body : malformed) {
            corpus.add(signed("malformed " + body, IngestClient.EVENTS, body));
        }
        for (String body : List.of(
                "{",
                "[]",
                "\"x\"",
                "42",
                "{\"reason\": 5}",
                "{\"reason\": \"\"}",
                "{\"reason\": {\"nested\": 1}}",
                "{\"range\": \"last_year\"}",
                "{\"range\": 30}",
                "{\"range\": \"THIS_WEEK\"}",
                "{\"range\": \"\"}",
                "{\"reason\": \"line\\nbreak\"}",
                "{\"reason\": \"" + "x".repeat(65) + "\"}",
                "{\"a\": 1, \"a\": 2}")) {
            corpus.add(signed("notify " + body, IngestClient.NOTIFY, body));
        }
        String okTime = "\"2026-11-25T10:00:00Z\"";
        for (String id :
                List.of("1", "null", "\"\"", "[\"a\"]", "{}", "\"" + "x".repeat(129) + "\"", "\"tab\\there\"")) {
            corpus.add(
                    signed("id " + id, IngestClient.EVENTS, envelope(id, "\"checkin.created\"", okTime, VALID_DATA)));
        }
        for (String type : List.of(
                "\"checkin.deleted\"",
                "\"CHECKIN.CREATED\"",
                "\"\"",
                "null",
                "1",
                "[\"checkin.created\"]",
                "\"dashboard.refresh_requested\"")) {
            corpus.add(signed("type " + type, IngestClient.EVENTS, envelope("\"e\"", type, okTime, VALID_DATA)));
        }
        for (String time : List.of(
                "\"yesterday\"",
                "\"2026-02-30T00:00:00Z\"",
                "\"2026-11-25T25:00:00Z\"",
                "\"2026-11-25\"",
                "1732500000",
                "\"2026-11-25T10:00:00+25:00\"",
                "\"0000-01-01T00:00:00Z\"",
                "\"2026-11-25T10:00:00\"",
                "\"2026-11-25T10:00Z\"",
                "\"2126-11-25T10:00:00Z\"",
                "null",
                "\"+12026-11-25T10:00:00Z\"")) {
            corpus.add(signed(
                    "occurred_at " + time,
                    IngestClient.EVENTS,
                    envelope("\"e\"", "\"checkin.created\"", time, VALID_DATA)));
        }
        for (String data : List.of("null", "[]", "\"data\"", "42", "{}")) {
            corpus.add(signed(
                    "data " + data, IngestClient.EVENTS, envelope("\"e\"", "\"checkin.created\"", okTime, data)));
        }
        String[][] badFields = {
            {"checkin_id", "\"1\""},
            {"checkin_id", "1.5"},
            {"checkin_id", "-3"},
            {"checkin_id", "true"},
            {"checkin_id", "1e400"},
            {"checkin_id", "123456789012345678901234567890"},
            {"checkin_id", "9".repeat(80)},
            {"checkin_id", "null"},
            {"user_id", "\"2\""},
            {"user_id", "-1"},
            {"user_id", "18446744073709551616"},
            {"user_id", "{}"},
            {"mood_level", "\"Sad\""},
            {"mood_level", "\"meh\""},
            {"mood_level", "\"MEH\""},
            {"mood_level", "null"},
            {"mood_level", "3"},
            {"energy_level", "\"Very High\""},
            {"energy_level", "\"\""},
            {"stress_level", "\"Stressed\""},
            {"stress_level", "[\"Moderate\"]"}
        };
        for (String[] field : badFields) {
            corpus.add(signed(field[0] + "=" + field[1], IngestClient.EVENTS, checkinWith(field[0], field[1])));
        }
        corpus.add(signed(
                "feel_better Maybe",
                IngestClient.EVENTS,
                checkinWith("stress_level", "\"Moderate\", \"feel_better\": \"Maybe\"")));
        corpus.add(signed(
                "deep nesting 20",
                IngestClient.EVENTS,
                envelope(
                        "\"e\"",
                        "\"checkin.created\"",
                        okTime,
                        VALID_DATA.replace("}", ", \"x\": " + "[".repeat(20) + "]".repeat(20) + "}"))));
        corpus.add(signed("deep nesting 10000", IngestClient.EVENTS, "[".repeat(10_000) + "]".repeat(10_000)));
        corpus.add(signed("empty array", IngestClient.EVENTS, "[]"));
        corpus.add(signed("array of numbers", IngestClient.EVENTS, "[1, 2, 3]"));
        String one = envelope("\"e\"", "\"checkin.created\"", okTime, VALID_DATA);
        // The smallest valid event, so that 501 of them stay under the 64 KiB body limit.
        String tiny = "{\"id\":\"e\",\"type\":\"journal.created\",\"occurred_at\":\"2026-11-25T10:00:00Z\","
                + "\"data\":{\"journal_id\":1,\"user_id\":2}}";
        corpus.add(signed("501 events", IngestClient.EVENTS, "[" + (tiny + ",").repeat(500) + tiny + "]"));
        corpus.add(signed(
                "good then bad", IngestClient.EVENTS, "[" + one + "," + checkinWith("mood_level", "\"x\"") + "]"));

        byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        corpus.add(signedBytes("invalid UTF-8", IngestClient.EVENTS, invalidUtf8, 400));
        byte[] invalidUtf8Notify = {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', (byte) 0xFF, '"', '}'};
        corpus.add(signedBytes("invalid UTF-8 notify", IngestClient.NOTIFY, invalidUtf8Notify, 400));
        corpus.add(signedBytes("empty body", IngestClient.EVENTS, new byte[0], 400));
        corpus.add(signedBytes("empty body notify", IngestClient.NOTIFY, new byte[0], 400));
        corpus.add(signedBytes("oversize", IngestClient.EVENTS, pad(one, 70 * 1024), 413));
        corpus.add(signedBytes("oversize notify", IngestClient.NOTIFY, pad("{}", 65 * 1024 + 1), 413));

        byte[] body = one.getBytes(StandardCharsets.UTF_8);
        String sig = IngestClient.legacySignature(body);
        corpus.add(new BadRequest(
                "no signature", IngestClient.EVENTS, Map.of("Content-Type", "application/json"), body, 403));
        corpus.add(new BadRequest(
                "wrong signature",
                IngestClient.EVENTS,
                Map.of("Content-Type", "application/json", "X-Webhook-Signature", "ab".repeat(32)),
                body,
                403));
        corpus.add(new BadRequest(
                "signature of other bytes",
                IngestClient.NOTIFY,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-Webhook-Signature",
                        IngestClient.legacySignature(new byte[1])),
                "{}".getBytes(StandardCharsets.UTF_8),
                403));
        corpus.add(new BadRequest(
                "partial standard headers",
                IngestClient.EVENTS,
                Map.of("Content-Type", "application/json", "webhook-id", "m", "X-Webhook-Signature", sig),
                body,
                403));
        corpus.add(new BadRequest(
                "standard timestamp not a number",
                IngestClient.EVENTS,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "webhook-id",
                        "m",
                        "webhook-timestamp",
                        "now",
                        "webhook-signature",
                        "v1,AAAA"),
                body,
                403));
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=ISO-8859-1",
                "application/*",
                "not a media type",
                "application/jsonp")) {
            corpus.add(new BadRequest(
                    "content type " + type,
                    IngestClient.EVENTS,
                    Map.of("Content-Type", type, "X-Webhook-Signature", sig),
                    body,
                    415));
        }
        corpus.add(
                new BadRequest("no content type", IngestClient.EVENTS, Map.of("X-Webhook-Signature", sig), body, 415));
        return corpus;
    }

    private static byte[] pad(String json, int size) {
        String padded = json.substring(0, json.length() - 1) + ", \"pad\": \"" + "x".repeat(size) + "\"}";
        return padded.getBytes(StandardCharsets.UTF_8);
    }

    private static BadRequest signed(String name, String path, String body) {
        return signedBytes(name, path, body.getBytes(StandardCharsets.UTF_8), 400);
    }

    private static BadRequest signedBytes(String name, String path, byte[] body, int expectedStatus) {
        return new BadRequest(
                name,
                path,
                Map.of("Content-Type", "application/json", "X-Webhook-Signature", IngestClient.legacySignature(body)),
                body,
                expectedStatus);
    }

    /**
     * The corpus's shape errors (missing or mistyped fields, bad enums, unknown types, bad ids and
     * sizes), which a sender can check before sending, are rejected by the contract's schemas as
     * well as by ingest. (Semantic checks, e.g. a February 30th or an event a day in the future,
     * and JSON-level ones, e.g. duplicate keys or nesting depth, are the server's alone.)
     */
    @Test
    void theSchemasRejectTheShapeErrorsOfTheCorpusToo() {
        List<String> semanticOrSyntactic = List.of(
                "occurred_at \"2026-02-30T00:00:00Z\"",
                "occurred_at \"2026-11-25T25:00:00Z\"",
                "occurred_at \"2026-11-25T10:00:00+25:00\"",
                "occurred_at \"0000-01-01T00:00:00Z\"",
                "occurred_at \"2126-11-25T10:00:00Z\"",
                "checkin_id=1e400",
                "checkin_id=123456789012345678901234567890",
                "checkin_id=" + "9".repeat(80),
                "user_id=18446744073709551616",
                "deep nesting 20",
                "deep nesting 10000",
                "notify {\"a\": 1, \"a\": 2}",
                "malformed {\"id\": \"a\", \"id\": \"b\"}",
                "501 events");
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (BadRequest bad : corpus()) {
            if (bad.expectedStatus() != 400 || semanticOrSyntactic.contains(bad.name())) {
                continue;
            }
            String body = new String(bad.body(), StandardCharsets.UTF_8);
            JsonNode parsed;
            try {
                parsed = ContractJson.mapper().readTree(body);
            } catch (RuntimeException notJson) {
                continue; // a syntax error: no schema applies
            }
            if (parsed == null || parsed.isMissingNode()) {
                continue;
            }
            ContractSchemas.Contract contract = bad.path().equals(IngestClient.NOTIFY)
                    ? ContractSchemas.Contract.NOTIFY_UPDATE_REQUEST
                    : ContractSchemas.Contract.EVENTS_REQUEST;
            softly.assertThat(ContractSchemas.problems(contract, body))
                    .as(bad.name())
                    .isNotEmpty();
            checked++;
        }
        softly.assertAll();
        assertThat(checked).isGreaterThanOrEqualTo(50);
    }

    @Test
    void everyBadRequestGetsItsOwn4xxWithAMachineReadableBodyAndWritesNothing() {
        IngestClient client = new IngestClient(port);
        TopicView events = SharedKafka.get().topic(Topics.EVENTS);
        TopicView.Mark before = events.mark();
        List<BadRequest> corpus = corpus();

        SoftAssertions softly = new SoftAssertions();
        for (BadRequest bad : corpus) {
            HttpResponse<String> response = client.post(bad.path(), bad.headers(), bad.body());
            softly.assertThat(response.statusCode()).as(bad.name()).isEqualTo(bad.expectedStatus());
            JsonNode body = ContractJson.mapper().readTree(response.body());
            softly.assertThat(body.path("error").isString())
                    .as(bad.name() + " has an error code")
                    .isTrue();
        }
        softly.assertAll();

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
        assertThat(events.recordsSince(before)).isEmpty();
        // The service is still healthy and accepting after the barrage.
        assertThat(client.postStandard(
                                IngestClient.EVENTS, "msg_after", Instant.now(), Events.journal(Events.uniqueId(), 1))
                        .statusCode())
                .isEqualTo(200);
    }
}
