package io.sentisphere.pipeline.system;

import io.sentisphere.pipeline.local.PipelineProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every service of the pipeline from its packaged jar, as its own process, wired to one broker with
 * free ports: ingest-service, stats-stream, broadcast-service and channels-server.
 */
final class Pipeline implements AutoCloseable {

    static final String WEBHOOK_SECRET = "system-test-webhook-secret";
    static final String JWT_SECRET = "system-test-jwt-secret-of-32-bytes-or-more";

    final int ingestPort;
    final int broadcastPort;
    final int channelsPort;
    private final PipelineProcesses services;
    private final HttpClient http = HttpClient.newHttpClient();

    Pipeline(String bootstrapServers) throws Exception {
        services = PipelineProcesses.start(
                Path.of("..").toAbsolutePath().normalize(),
                bootstrapServers,
                PipelineProcesses.ServicePorts.free(),
                Map.of(
                        "SERVICES_WEBHOOK_SHARED_SECRET",
                        WEBHOOK_SECRET,
                        "DASHBOARD_JWT_SECRET",
                        JWT_SECRET,
                        "STATS_STATE_DIR",
                        Files.createTempDirectory("stats-state").toString()));
        ingestPort = services.ports().ingest();
        broadcastPort = services.ports().broadcast();
        channelsPort = services.ports().channels();
    }

    /** POSTs a JSON body to ingest's {@code /api/events}, signed as the FastAPI backend signs it. */
    HttpResponse<String> postEvents(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/api/events"))
                        .header("Content-Type", "application/json")
                        .header("X-Webhook-Signature", HexFormat.of().formatHex(mac.doFinal(body)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> current(String range, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + broadcastPort + "/api/dashboard/current?range=" + range))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops channels-server (the dashboards lose their socket); {@link #startChannels} brings it back on the same port. */
    void stopChannels() throws InterruptedException {
        services.stop("channels-server");
    }

    void startChannels() throws Exception {
        services.start("channels-server");
    }

    String authEndpoint() {
        return "http://127.0.0.1:" + broadcastPort + "/broadcasting/auth";
    }

    @Override
    public void close() throws Exception {
        services.close();
    }
}
