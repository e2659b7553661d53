package io.sentisphere.pipeline.channels.it;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.PresenceUser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An app's channel-auth endpoint as the Pusher docs describe it, signing with pusher-http-java's own
 * {@code authenticate}: {@code /auth?user=7} signs presence channels for user 7, {@code /auth?forge}
 * signs with the wrong secret.
 */
final class AuthEndpoint implements AutoCloseable {

    private final HttpServer server;

    AuthEndpoint(String appId, String key, String secret) throws IOException {
        Pusher real = new Pusher(appId, key, secret);
        Pusher forged = new Pusher(appId, key, "not-the-secret");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth", exchange -> {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            Pusher signer = query.containsKey("forge") ? forged : real;
            String channel = form.get("channel_name");
            String body = channel.startsWith("presence-")
                    ? signer.authenticate(
                            form.get("socket_id"),
                            channel,
                            new PresenceUser(query.getOrDefault("user", "1"), Map.of("role", "counselor")))
                    : signer.authenticate(form.get("socket_id"), channel);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String url(String query) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth" + (query == null ? "" : "?" + query);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(k, v);
        }
        return values;
    }
}
