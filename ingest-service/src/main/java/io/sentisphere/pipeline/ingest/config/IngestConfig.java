package io.sentisphere.pipeline.ingest.config;

import io.sentisphere.pipeline.service.config.EnvReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * ingest-service's whole configuration, read from environment variables once at start-up.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>required (local: 127.0.0.1:9092)</td></tr>
 *   <tr><td>SERVICES_WEBHOOK_SHARED_SECRET</td><td>comma-separated active secrets; required
 *       (local: local-webhook-secret)</td></tr>
 *   <tr><td>INGEST_PORT</td><td>8081</td></tr>
 *   <tr><td>INGEST_MAX_BODY_BYTES</td><td>65536</td></tr>
 *   <tr><td>INGEST_KAFKA_DEADLINE_MS</td><td>5000: longest wait for Kafka's acknowledgement</td></tr>
 *   <tr><td>INGEST_MAX_IN_FLIGHT</td><td>256: concurrent requests before 503</td></tr>
 *   <tr><td>INGEST_SIGNATURE_TOLERANCE_SECONDS</td><td>300 (Standard Webhooks timestamps)</td></tr>
 * </table>
 *
 * @param printable every value with secrets masked, safe to log
 */
public record IngestConfig(
        String bootstrapServers,
        List<WebhookSecret> secrets,
        int port,
        int maxBodyBytes,
        Duration kafkaDeadline,
        int maxInFlight,
        Duration signatureTolerance,
        Map<String, String> printable) {

    public static final String SECRET_VARIABLE = "SERVICES_WEBHOOK_SHARED_SECRET";

    /** Reads and validates every variable; throws one exception listing every problem. */
    public static IngestConfig load(Function<String, String> lookup) {
        EnvReader env = new EnvReader("ingest-service", lookup);
        String servers = env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String rawSecrets = env.secret(SECRET_VARIABLE, "local-webhook-secret");
        int port = env.integer("INGEST_PORT", 8081, 1, 65535);
        int maxBody = env.integer("INGEST_MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024);
        Duration deadline = env.millis("INGEST_KAFKA_DEADLINE_MS", Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofMinutes(2));
        int inFlight = env.integer("INGEST_MAX_IN_FLIGHT", 256, 1, 100_000);
        int tolerance = env.integer("INGEST_SIGNATURE_TOLERANCE_SECONDS", 300, 1, 3600);
        List<WebhookSecret> secrets = parseSecrets(env, rawSecrets);
        Map<String, String> printable = env.finish();
        return new IngestConfig(servers, secrets, port, maxBody, deadline, inFlight,
                Duration.ofSeconds(tolerance), printable);
    }

    private static List<WebhookSecret> parseSecrets(EnvReader env, String raw) {
        List<WebhookSecret> secrets = new ArrayList<>();
        if (raw == null) {
            return secrets;
        }
        List<String> items = EnvReader.splitList(raw);
        for (int i = 0; i < items.size(); i++) {
            try {
                secrets.add(WebhookSecret.parse(items.get(i)));
            } catch (IllegalArgumentException e) {
                env.problem(SECRET_VARIABLE + " item " + (i + 1) + " starts with whsec_ but is not valid base64");
            }
        }
        if (items.isEmpty()) {
            env.problem(SECRET_VARIABLE + " must contain at least one secret");
        }
        return secrets;
    }
}
