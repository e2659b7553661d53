package io.sentisphere.pipeline.channels.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Event;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.channels.ws.PusherSocketHandler;
import io.sentisphere.pipeline.jsclients.JsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bounds: connection limit (4100), unknown app key (4001), missing protocol (4008), and a slow
 * consumer disconnected instead of buffered, while a healthy client on the same channel keeps
 * receiving.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "PIPELINE_PROFILE=local",
            "CHANNELS_MAX_CONNECTIONS=3",
            "CHANNELS_SEND_BUFFER_BYTES=262144",
            "CHANNELS_SEND_TIME_LIMIT_MS=2000"
        })
class ChannelsLimitsIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ChannelsMetrics metrics;

    @Autowired
    PusherSocketHandler handler;

    final List<RawSocket> sockets = new ArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(RawSocket::abort);
        await().atMost(WAIT).until(() -> handler.connectionCount() == 0);
    }

    RawSocket open(String path, int reads) throws Exception {
        RawSocket socket = RawSocket.open("ws://127.0.0.1:" + port + path, reads);
        sockets.add(socket);
        return socket;
    }

    @Test
    void anUnknownAppKeyIsClosedWith4001() throws Exception {
        RawSocket socket = open("/app/not-the-key?protocol=7", 10);

        assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4001);
        assertThat(socket.messages)
                .singleElement()
                .asString()
                .contains("pusher:error")
                .contains("4001");
    }

    @Test
    void aMissingProtocolVersionIsClosedWith4008() throws Exception {
        RawSocket socket = open("/app/app-key", 10);

        assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4008);
    }

    @Test
    void connectionsOverTheLimitAreClosedWith4100UntilOneLeaves() throws Exception {
        List<RawSocket> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawSocket socket = open("/app/app-key?protocol=7", 10);
            await().atMost(WAIT).until(() -> !socket.messages.isEmpty());
            admitted.add(socket);
        }

        RawSocket refused = open("/app/app-key?protocol=7", 10);

        assertThat(refused.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4100);
        admitted.get(0).abort();
        await().atMost(WAIT).until(() -> handler.connectionCount() == 2);
        RawSocket next = open("/app/app-key?protocol=7", 10);
        await().atMost(WAIT).until(() -> !next.messages.isEmpty());
        assertThat(next.messages.get(0)).contains("pusher:connection_established");
    }

    @Test
    void aClientFrameOverTheLimitIsClosedWith1009AndCounted() throws Exception {
        RawSocket socket = open("/app/app-key?protocol=7", 10);
        await().atMost(WAIT).until(() -> !socket.messages.isEmpty());
        double before = metrics.rejections("message_too_large");

        socket.socket.sendText("{\"event\":\"client-x\",\"data\":\"" + "x".repeat(13_000) + "\"}", true);

        assertThat(socket.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        await().atMost(WAIT).until(() -> metrics.rejections("message_too_large") == before + 1);
    }

    @Test
    void aSlowConsumerIsDisconnectedWhileOthersKeepReceiving() throws Exception {
        // Reads the connection frame and the subscription confirmation, then stops reading.
        RawSocket slow = open("/app/app-key?protocol=7", 2);
        await().atMost(WAIT).until(() -> !slow.messages.isEmpty());
        slow.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"flood\"}}");
        await().atMost(WAIT).until(() -> slow.messages.size() == 2);
        try (JsClient healthy = JsClient.start()) {
            healthy.connect("app-key", port, Map.of());
            healthy.send(Map.of("cmd", "subscribe", "channel", "flood"));
            healthy.await(JsClient.type("subscribed", "flood"), WAIT);
            Pusher pusher = new Pusher("app-id", "app-key", "app-secret");
            pusher.setHost("127.0.0.1:" + port);
            pusher.setEncrypted(false);
            String data = "x".repeat(9_000);

            // Batches of 90 KB, each published once the healthy client has the previous one: it keeps
            // up, while the socket that stopped reading accumulates until its queue passes 256 KiB.
            int batches = 0;
            while (metrics.rejections("slow_consumer") == 0 && batches < 2_000) {
                List<Event> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(new Event("flood", "bulk", Map.of("pad", data)));
                }
                assertThat(pusher.trigger(batch).getHttpStatus()).isEqualTo(200);
                batches++;
                int expected = batches * 10;
                await().atMost(WAIT)
                        .until(() ->
                                healthy.lines(JsClient.type("event", "flood")).size() >= expected);
            }
            pusher.trigger("flood", "last", Map.of("n", 1));

            assertThat(metrics.rejections("slow_consumer")).isEqualTo(1);
            await().atMost(WAIT).until(() -> handler.connectionCount() == 1);
            healthy.await(
                    JsClient.type("event", "flood")
                            .and(l -> "last".equals(l.path("event").asString())),
                    WAIT);
        }
    }
}
