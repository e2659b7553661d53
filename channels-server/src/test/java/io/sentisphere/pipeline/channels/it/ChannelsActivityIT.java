package io.sentisphere.pipeline.channels.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A quiet socket's fate is the protocol's, not the container's: pinged after the activity timeout,
 * closed with 4201 after another one without an answer, and never closed earlier by the servlet
 * container's idle timeout (Jetty's default is 30 s, while pusher-js pings only every
 * activity_timeout, 120 s by default). Proven with a 2 s activity timeout instead of 120 s.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"PIPELINE_PROFILE=local", "CHANNELS_ACTIVITY_TIMEOUT_SECONDS=2", "CHANNELS_HOUSEKEEPING_MS=100"})
class ChannelsActivityIT {

    static final Duration ACTIVITY_TIMEOUT = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    RawSocket quiet;

    @AfterEach
    void close() {
        if (quiet != null) {
            quiet.abort();
        }
    }

    @Test
    void theContainerLeavesQuietSocketsToTheProtocolsActivityTimeout() {
        ServerWebSocketContainer container = ((JettyWebServer) context.getWebServer())
                .getServer()
                .getDescendant(WebSocketUpgradeHandler.class)
                .getServerWebSocketContainer();

        // Derived from the activity timeout (not Jetty's fixed 30 s default, which would cut the
        // default 120 s activity timeout short), and longer than the protocol's ping and close.
        assertThat(container.getIdleTimeout())
                .isEqualTo(ACTIVITY_TIMEOUT.multipliedBy(3))
                .isGreaterThan(ACTIVITY_TIMEOUT.multipliedBy(2));
    }

    @Test
    void aQuietSocketIsPingedAfterTheActivityTimeoutThenClosedWith4201() throws Exception {
        // given a socket that never speaks after connecting
        quiet = RawSocket.open("ws://127.0.0.1:" + port + "/app/app-key?protocol=7", 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> !quiet.messages.isEmpty());

        // then the server pings it once the activity timeout has passed, while it is still open
        await().atMost(Duration.ofSeconds(10))
                .until(() -> quiet.messages.stream().anyMatch(m -> m.contains("pusher:ping")));
        assertThat(quiet.closeCode).isNotDone();

        // and closes it by the protocol (not the container's idle close, 1001) when no pong comes
        assertThat(quiet.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4201);
    }
}
