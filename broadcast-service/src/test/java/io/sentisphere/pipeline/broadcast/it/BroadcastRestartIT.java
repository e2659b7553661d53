package io.sentisphere.pipeline.broadcast.it;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged broadcast-service, started after the stats were written (a restart): it re-sends the
 * latest state of every range from the compacted topic, and only the latest, not the history.
 */
@KafkaIntegrationTest
class BroadcastRestartIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aStartingServiceSendsTheLatestStateOfEveryRange(TestKafka kafka) throws Exception {
        int channelsPort = Ports.free();
        int broadcastPort = Ports.free();
        try (ServiceProcess channels = ServiceProcess.start(
                        "channels-server",
                        Path.of("../channels-server/target/channels-server.jar"),
                        channelsPort,
                        Map.of("PIPELINE_PROFILE", "local", "CHANNELS_PORT", String.valueOf(channelsPort)));
                StatsWriter stats = new StatsWriter(kafka.bootstrapServers());
                JsClient client = JsClient.start()) {
            for (int i = 1; i <= 50; i++) {
                stats.write(StatsRange.THIS_WEEK, 700_000 + i, "checkin.created");
                stats.write(StatsRange.TODAY, 800_000 + i, "checkin.created");
            }
            stats.flush();
            // A public base channel, so the client needs no auth endpoint while the service is down.
            client.connect("app-key", channelsPort, Map.of());
            client.send(Map.of("cmd", "subscribe", "channel", "dash"));
            client.send(Map.of("cmd", "subscribe", "channel", "dash.today"));
            client.await(type("subscribed", "dash.today"), WAIT);

            try (ServiceProcess broadcast = ServiceProcess.start(
                    "broadcast-service",
                    Path.of("target/broadcast-service.jar"),
                    broadcastPort,
                    Map.of(
                            "PIPELINE_PROFILE",
                            "local",
                            "KAFKA_BOOTSTRAP_SERVERS",
                            kafka.bootstrapServers(),
                            "BROADCAST_PORT",
                            String.valueOf(broadcastPort),
                            "PUSHER_PORT",
                            String.valueOf(channelsPort),
                            "BROADCAST_CHANNEL",
                            "dash",
                            "BROADCAST_PUBLISHER_GROUP",
                            "broadcast-restart-it"))) {

                JsonNode week = client.await(type("event", "dash"), WAIT);
                JsonNode today = client.await(type("event", "dash.today"), WAIT);
                assertThat(week.path("data")
                                .path("stats")
                                .path("this_week_checkins")
                                .asLong())
                        .isEqualTo(700_050);
                assertThat(today.path("data")
                                .path("stats")
                                .path("this_week_checkins")
                                .asLong())
                        .isEqualTo(800_050);
                List<JsonNode> all = client.lines(type("event"));
                assertThat(all)
                        .allSatisfy(e -> assertThat(e.path("data")
                                        .path("stats")
                                        .path("this_week_checkins")
                                        .asLong())
                                .isIn(700_050L, 800_050L));
            }
        }
    }
}
