package io.sentisphere.pipeline.ingest.it;

import io.sentisphere.pipeline.ingest.signature.SignatureVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A webhook sender for tests: signs exactly the bytes it sends, as the FastAPI backend does
 * (legacy hex) or as a Standard Webhooks sender does.
 */
public final class IngestClient {

    /** The legacy secret, as the old FastAPI caller used it (UTF-8 bytes). */
    public static final String LEGACY_SECRET = "test-webhook-secret";
    /** A Standard Webhooks secret (the specification's example key). */
    public static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** Both active at once, as during a rotation. */
    public static final String SECRETS = LEGACY_SECRET + "," + STANDARD_SECRET;

    public static final String EVENTS = "/api/events";
    public static final String NOTIFY = "/api/dashboard/notify-update";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    public IngestClient(int port) {
        this.port = port;
    }

    /** Signed with {@code X-Webhook-Signature}, the legacy scheme. */
    public HttpResponse<String> postLegacy(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(
                path, Map.of("Content-Type", "application/json", "X-Webhook-Signature", legacySignature(bytes)), bytes);
    }

    /** Signed with the Standard Webhooks headers at {@code timestamp}. */
    public HttpResponse<String> postStandard(String path, String webhookId, Instant timestamp, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(timestamp.getEpochSecond());
        byte[] key = Base64.getDecoder().decode(STANDARD_SECRET.substring("whsec_".length()));
        byte[] mac = SignatureVerifier.hmac(
                key, List.of((webhookId + "." + ts + ".").getBytes(StandardCharsets.UTF_8), bytes));
        return post(
                path,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "webhook-id",
                        webhookId,
                        "webhook-timestamp",
                        ts,
                        "webhook-signature",
                        "v1," + Base64.getEncoder().encodeToString(mac)),
                bytes);
    }

    public static String legacySignature(byte[] body) {
        return HexFormat.of()
                .formatHex(SignatureVerifier.hmac(LEGACY_SECRET.getBytes(StandardCharsets.UTF_8), List.of(body)));
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
