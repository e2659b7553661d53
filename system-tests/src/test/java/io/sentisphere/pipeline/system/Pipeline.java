package io.sentisphere.pipeline.system;

import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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

    final int ingestPort = Ports.free();
    final int statsPort = Ports.free();
    final int broadcastPort = Ports.free();
    final int channelsPort = Ports.free();
    private final Deque<ServiceProcess> services = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newHttpClient();

    Pipeline(String bootstrapServers) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PIPELINE_PROFILE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SERVICES_WEBHOOK_SHARED_SECRET", WEBHOOK_SECRET);
        env.put("DASHBOARD_JWT_SECRET", JWT_SECRET);
        env.put("INGEST_PORT", String.valueOf(ingestPort));
        env.put("STATS_PORT", String.valueOf(statsPort));
        env.put("STATS_STATE_DIR", Files.createTempDirectory("stats-state").toString());
        env.put("BROADCAST_PORT", String.valueOf(broadcastPort));
        env.put("CHANNELS_PORT", String.valueOf(channelsPort));
        env.put("PUSHER_PORT", String.valueOf(channelsPort));
        start("channels-server", root.resolve("channels-server/target/channels-server.jar"), channelsPort, env);
        start("stats-stream", root.resolve("stats-stream/target/stats-stream.jar"), statsPort, env);
        start("broadcast-service", root.resolve("broadcast-service/target/broadcast-service.jar"), broadcastPort, env);
        start("ingest-service", root.resolve("ingest-service/target/ingest-service.jar"), ingestPort, env);
    }

    private void start(String name, Path jar, int port, Map<String, String> env) throws Exception {
        services.push(ServiceProcess.start(name, jar, port, env));
    }

    /** POSTs a JSON body to ingest's {@code /api/events}, signed as the FastAPI backend signs it. */
    HttpResponse<String> postEvents(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/api/events"))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Signature", HexFormat.of().formatHex(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> current(String range, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broadcastPort
                        + "/api/dashboard/current?range=" + range)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String authEndpoint() {
        return "http://127.0.0.1:" + broadcastPort + "/broadcasting/auth";
    }

    @Override
    public void close() throws Exception {
        while (!services.isEmpty()) {
            services.pop().close();
        }
    }
}
