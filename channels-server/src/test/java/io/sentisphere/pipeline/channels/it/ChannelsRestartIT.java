package io.sentisphere.pipeline.channels.it;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.rest.Pusher;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server ({@code target/channels-server.jar}, started as a deployment would): pusher-js
 * reconnects by itself after the server is killed and started again, re-subscribes, and receives
 * what is published afterwards.
 */
class ChannelsRestartIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void pusherJsReconnectsAndResubscribesAfterTheServerRestarts() throws Exception {
        int port = Ports.free();
        Map<String, String> env = Map.of("PIPELINE_PROFILE", "local", "CHANNELS_PORT", String.valueOf(port));
        Path jar = Path.of("target/channels-server.jar");
        ServiceProcess server = ServiceProcess.start("channels-server", jar, port, env);
        try (JsClient client = JsClient.start()) {
            client.connect("app-key", port, Map.of());
            client.send(Map.of("cmd", "subscribe", "channel", "dashboard"));
            client.await(type("subscribed", "dashboard"), WAIT);

            server.kill(); // a crash: no close frame
            client.await(
                    type("state").and(l -> "connected".equals(l.path("previous").asString())), WAIT);
            server = ServiceProcess.start("channels-server", jar, port, env);

            client.await(line -> client.lines(type("subscribed", "dashboard")).size() == 2, WAIT);
            Pusher pusher = new Pusher("app-id", "app-key", "app-secret");
            pusher.setHost("127.0.0.1:" + port);
            pusher.setEncrypted(false);
            pusher.trigger("dashboard", "DashboardUpdated", Map.of("after", "restart"));
            JsonNode event = client.await(type("event", "dashboard"), WAIT);
            assertThat(event.path("data").path("after").asString()).isEqualTo("restart");
        } finally {
            server.close();
        }
    }

    @Test
    void aStoppingServerTellsClientsToReconnectAtOnce() throws Exception {
        int port = Ports.free();
        ServiceProcess server = ServiceProcess.start(
                "channels-server",
                Path.of("target/channels-server.jar"),
                port,
                Map.of("PIPELINE_PROFILE", "local", "CHANNELS_PORT", String.valueOf(port)));
        RawSocket socket = RawSocket.open("ws://127.0.0.1:" + port + "/app/app-key?protocol=7", 10);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !socket.messages.isEmpty());

        server.close(); // SIGTERM: Spring's graceful shutdown

        assertThat(socket.closeCode.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(4200);
    }
}
