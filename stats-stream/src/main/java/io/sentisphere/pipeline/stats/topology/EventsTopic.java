package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Looks up how many partitions {@code dashboard.events.v1} has, which decides the topology's shape. */
public final class EventsTopic {

    private EventsTopic() {
    }

    /**
     * @throws IllegalStateException when the topic does not exist or Kafka does not answer within
     *     {@code timeout}; stats-stream cannot start without it
     */
    public static int partitions(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(Topics.EVENTS).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + Topics.EVENTS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + Topics.EVENTS + " at " + bootstrapServers
                    + " (does it exist? see README, Topics): " + e, e);
        }
    }
}
