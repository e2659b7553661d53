package io.sentisphere.pipeline.service.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Kafka edge: UP while the cluster answered a metadata request within the timeout
 * and every required topic exists. Checked in the background every {@code interval}, so
 * {@code GET /health} never blocks on an unreachable broker; DOWN until the first check passes.
 */
public final class KafkaReachability implements HealthIndicator, AutoCloseable {

    private record Status(boolean up, String detail, Instant checkedAt) {}

    private final Admin admin;
    private final Set<String> requiredTopics;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Status> status;

    public KafkaReachability(
            String bootstrapServers,
            Collection<String> requiredTopics,
            Duration interval,
            Duration timeout,
            Clock clock) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "health-check"));
        this.requiredTopics = Set.copyOf(requiredTopics);
        this.timeout = timeout;
        this.clock = clock;
        this.status = new AtomicReference<>(new Status(false, "not checked yet", clock.instant()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-health");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the last check passed. */
    public boolean isUp() {
        return status.get().up();
    }

    @Override
    public Health health() {
        Status s = status.get();
        return (s.up() ? Health.up() : Health.down())
                .withDetail("kafka", s.detail())
                .withDetail("checked_at", s.checkedAt().toString())
                .build();
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> topics = admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            var missing = requiredTopics.stream()
                    .filter(t -> !topics.contains(t))
                    .sorted()
                    .toList();
            status.set(
                    missing.isEmpty()
                            ? new Status(true, "reachable", clock.instant())
                            : new Status(false, "missing topics " + missing, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            status.set(new Status(false, "unreachable: " + e.getClass().getSimpleName(), clock.instant()));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
