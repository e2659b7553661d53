package io.sentisphere.pipeline.clients.python;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.testkit.RestartableKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * What the Python tests may do to and ask of the infrastructure, over loopback HTTP (the Python
 * side has only the standard library, so no Kafka client):
 *
 * <ul>
 *   <li>{@code POST /kafka/stop}, {@code POST /kafka/start}: stop the broker (controlled shutdown)
 *       or start it again; each returns 204 once done.</li>
 *   <li>{@code POST /events/count} with {@code {"ids":[…]}}: {@code {"counts":{id:n}}}, the number of
 *       records per id in {@code dashboard.events.v1} (the ground truth: more than one means the
 *       id was written again, which consumers count once).</li>
 *   <li>{@code GET /refreshes?reason=R}: {@code {"ids":[…]}}, the event id of every
 *       {@code dashboard.refresh_requested} record with that reason, one per record.</li>
 *   <li>{@code GET /stats?range=R&reason=X}: the newest {@code dashboard.stats.v1} record of range
 *       R with reason X, or 404 while there is none.</li>
 * </ul>
 *
 * Every read scans its topic from the beginning: fine for a test's few thousand records.
 */
final class ControlEndpoint implements AutoCloseable {

    private static final TopicView.Mark BEGINNING = new TopicView.Mark(Map.of());

    private final HttpServer server;
    private final RestartableKafka kafka;

    private ControlEndpoint(HttpServer server, RestartableKafka kafka) {
        this.server = server;
        this.kafka = kafka;
    }

    static ControlEndpoint start(RestartableKafka kafka) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ControlEndpoint control = new ControlEndpoint(server, kafka);
        server.createContext("/", control::handle);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        return control;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (route) {
                case "POST /kafka/stop" -> {
                    kafka.stop();
                    exchange.sendResponseHeaders(204, -1);
                }
                case "POST /kafka/start" -> {
                    kafka.start();
                    exchange.sendResponseHeaders(204, -1);
                }
                case "POST /events/count" -> {
                    JsonNode body = ContractJson.mapper().readTree(exchange.getRequestBody());
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    body.path("ids").forEach(id -> counts.put(id.asString(), 0));
                    for (ConsumerRecord<String, String> record : events()) {
                        counts.computeIfPresent(
                                ContractJson.mapper()
                                        .readTree(record.value())
                                        .path("id")
                                        .asString(),
                                (id, n) -> n + 1);
                    }
                    json(exchange, 200, Map.of("counts", counts));
                }
                case "GET /refreshes" -> {
                    List<String> ids = new ArrayList<>();
                    for (ConsumerRecord<String, String> record : events()) {
                        JsonNode event = ContractJson.mapper().readTree(record.value());
                        if (event.path("type").asString().equals("dashboard.refresh_requested")
                                && event.path("data").path("reason").asString().equals(query.get("reason"))) {
                            ids.add(event.path("id").asString());
                        }
                    }
                    json(exchange, 200, Map.of("ids", ids));
                }
                case "GET /stats" -> {
                    JsonNode newest = null;
                    for (ConsumerRecord<String, String> record :
                            kafka.topic(Topics.STATS).recordsSince(BEGINNING)) {
                        JsonNode update = ContractJson.mapper().readTree(record.value());
                        if (update.path("range").asString().equals(query.get("range"))
                                && update.path("reason").asString().equals(query.get("reason"))) {
                            newest = update;
                        }
                    }
                    json(exchange, newest == null ? 404 : 200, newest == null ? Map.of("error", "not_yet") : newest);
                }
                default -> json(exchange, 404, Map.of("error", "not_found", "route", route));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            json(exchange, 500, Map.of("error", e.toString()));
        }
    }

    private List<ConsumerRecord<String, String>> events() {
        return kafka.topic(Topics.EVENTS).recordsSince(BEGINNING);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = ContractJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
