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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Reads the partition count of {@code dashboard.events.v1}, which decides the topology's shape. */
public final class EventsTopic {

    private EventsTopic() {}

    /**
     * @throws IllegalStateException with what to do, when the topic does not exist or the cluster
     *     does not answer within {@code timeout}
     */
    public static int partitions(String bootstrapServers, Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "stats-stream-startup"))) {
            return admin.describeTopics(List.of(Topics.EVENTS))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(Topics.EVENTS)
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + Topics.EVENTS + " does not exist on " + bootstrapServers
                        + "; create the contract topics first (the local stack and docker-compose do)");
            }
            throw new IllegalStateException(
                    "could not describe " + Topics.EVENTS + " on " + bootstrapServers + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout
                    + " while stats-stream was starting");
        }
    }
}
