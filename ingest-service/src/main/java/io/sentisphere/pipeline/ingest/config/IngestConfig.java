package io.sentisphere.pipeline.ingest.config;

import io.sentisphere.pipeline.service.config.ConfigDef;
import io.sentisphere.pipeline.service.config.ConfigDef.Setting;
import io.sentisphere.pipeline.service.config.EnvReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ingest-service's whole configuration, read from environment variables once at start-up. Each
 * variable is declared once, in {@link #SETTINGS}; ingest-service's README table is generated from
 * it. The HTTP port ({@code INGEST_PORT}) is declared here and read by Spring from the same name.
 *
 * @param printable every value with secrets masked, safe to log
 */
public record IngestConfig(
        String bootstrapServers,
        List<WebhookSecret> secrets,
        int maxBodyBytes,
        Duration kafkaDeadline,
        int maxInFlight,
        Duration signatureTolerance,
        Map<String, String> printable) {

    public static final String SECRET_VARIABLE = "SERVICES_WEBHOOK_SHARED_SECRET";

    /** Every variable ingest-service reads. */
    public static final ConfigDef SETTINGS = new ConfigDef("ingest-service");

    static final Setting<String> BOOTSTRAP_SERVERS =
            SETTINGS.required("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "Kafka brokers, `host:port,…`");
    static final Setting<String> SECRETS = SETTINGS.secret(
            SECRET_VARIABLE,
            "local-webhook-secret",
            "the shared HMAC secrets, comma-separated (rotation: every listed secret is accepted); `whsec_<base64>` is decoded");
    static final Setting<Integer> PORT = SETTINGS.integer("INGEST_PORT", 8081, 1, 65535, "HTTP port");
    static final Setting<Integer> MAX_BODY_BYTES = SETTINGS.integer(
            "INGEST_MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024, "largest request body; bigger: 413");
    static final Setting<Duration> KAFKA_DEADLINE = SETTINGS.millis(
            "INGEST_KAFKA_DEADLINE_MS",
            Duration.ofSeconds(5),
            Duration.ofMillis(500),
            Duration.ofMinutes(2),
            "longest wait for Kafka's acknowledgement before 503; also bounds `max.block.ms` and `delivery.timeout.ms`");
    static final Setting<Integer> MAX_IN_FLIGHT = SETTINGS.integer(
            "INGEST_MAX_IN_FLIGHT", 256, 1, 100_000, "requests in progress at once; more: 503 `overloaded`");
    static final Setting<Duration> SIGNATURE_TOLERANCE = SETTINGS.seconds(
            "INGEST_SIGNATURE_TOLERANCE_SECONDS",
            Duration.ofSeconds(300),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            "how far a Standard Webhooks `webhook-timestamp` may be from the server clock");

    /** Reads and validates every variable; throws one exception listing every problem. */
    public static IngestConfig load(Function<String, String> lookup) {
        ConfigDef.Values values = SETTINGS.read(lookup);
        List<WebhookSecret> secrets = parseSecrets(values, values.get(SECRETS));
        Map<String, String> printable = values.finish();
        return new IngestConfig(
                values.get(BOOTSTRAP_SERVERS),
                secrets,
                values.get(MAX_BODY_BYTES),
                values.get(KAFKA_DEADLINE),
                values.get(MAX_IN_FLIGHT),
                values.get(SIGNATURE_TOLERANCE),
                printable);
    }

    private static List<WebhookSecret> parseSecrets(ConfigDef.Values values, String raw) {
        List<WebhookSecret> secrets = new ArrayList<>();
        if (raw == null) {
            return secrets;
        }
        List<String> items = EnvReader.splitList(raw);
        for (int i = 0; i < items.size(); i++) {
            try {
                secrets.add(WebhookSecret.parse(items.get(i)));
            } catch (IllegalArgumentException e) {
                values.problem(SECRET_VARIABLE + " item " + (i + 1) + " starts with whsec_ but is not valid base64");
            }
        }
        if (items.isEmpty()) {
            values.problem(SECRET_VARIABLE + " must contain at least one secret");
        }
        return secrets;
    }
}
