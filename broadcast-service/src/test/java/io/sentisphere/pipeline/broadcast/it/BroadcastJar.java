package io.sentisphere.pipeline.broadcast.it;

import io.sentisphere.pipeline.testkit.TestKafka;
import java.nio.file.Path;
import java.util.Map;

/** The packaged broadcast-service as the integration tests start it: local profile, the tests' JWT secret. */
final class BroadcastJar {

    static final Path JAR = Path.of("target/broadcast-service.jar");

    private BroadcastJar() {}

    /**
     * @param group its publisher group: each test's own, so no other instance of this JVM's broker
     *     holds the lease
     */
    static Map<String, String> env(TestKafka kafka, int port, int channelsPort, String group) {
        return Map.of(
                "PIPELINE_PROFILE",
                "local",
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "BROADCAST_PORT",
                String.valueOf(port),
                "PUSHER_PORT",
                String.valueOf(channelsPort),
                "DASHBOARD_JWT_SECRET",
                Tokens.SECRET,
                "BROADCAST_PUBLISHER_GROUP",
                group);
    }
}
