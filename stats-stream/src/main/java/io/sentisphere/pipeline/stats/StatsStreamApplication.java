package io.sentisphere.pipeline.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.stats.config.StatsConfig;
import io.sentisphere.pipeline.stats.health.StreamsHealth;
import io.sentisphere.pipeline.stats.metrics.StoreMetricTags;
import io.sentisphere.pipeline.stats.topology.EventsTopic;
import io.sentisphere.pipeline.stats.topology.StatsTopology;
import io.sentisphere.pipeline.stats.topology.StreamsSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** stats-stream: the Kafka Streams app, with {@code GET /health} and {@code GET /metrics}. Wiring only. */
@SpringBootApplication
public class StatsStreamApplication {

    private static final Logger log = LoggerFactory.getLogger(StatsStreamApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(StatsStreamApplication.class, args);
    }

    @Bean
    StatsConfig statsConfig(Environment environment) {
        StatsConfig config = StatsConfig.load(environment::getProperty);
        log.info("stats-stream configuration: {}", new TreeMap<>(config.printable()));
        return config;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaStreams kafkaStreams(StatsConfig config, Clock clock, MeterRegistry registry) throws InterruptedException {
        int partitions = EventsTopic.partitions(config.bootstrapServers(), Duration.ofSeconds(60));
        log.info(
                "{} has {} partition(s): {}",
                Topics.EVENTS,
                partitions,
                partitions == 1 ? "read directly" : "repartitioned to one partition first");
        KafkaStreams streams = new KafkaStreams(
                StatsTopology.build(config.zone(), clock, config.emitInterval(), partitions),
                StreamsSettings.of(config));
        streams.setUncaughtExceptionHandler(e -> {
            // A stream thread died on something the dead-letter policies did not absorb (e.g. a
            // broker-side failure): replace the thread; the task resumes from its last commit.
            log.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // Task and processor metrics (record e2e latency among them) exist only once tasks are
        // assigned; binding at the first RUNNING exports them at once instead of after the
        // binder's periodic rescan.
        java.util.concurrent.atomic.AtomicBoolean bound = new java.util.concurrent.atomic.AtomicBoolean();
        streams.setStateListener((next, previous) -> {
            log.info("streams state {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING && bound.compareAndSet(false, true)) {
                new KafkaStreamsMetrics(streams).bindTo(registry);
            }
        });
        return streams;
    }

    /** One set of tag keys for every state-store meter, so Prometheus exports all of them. */
    @Bean
    MeterFilter storeMetricTags() {
        return new StoreMetricTags();
    }

    /** Starts the stream after the web server, closes it (committing, leaving the group) on shutdown. */
    @Bean
    SmartLifecycle streamsLifecycle(KafkaStreams streams) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                streams.start();
                running = true;
            }

            /**
             * A clean stop (SIGTERM) commits and leaves the group, so a standby instance takes the
             * task over at once instead of after the session timeout; static membership still
             * covers a crash, whose instance comes back under the same name.
             */
            @Override
            public void stop() {
                streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    /** Health component {@code streams}. */
    @Bean
    HealthIndicator streams(KafkaStreams streams) {
        return new StreamsHealth(streams);
    }
}
