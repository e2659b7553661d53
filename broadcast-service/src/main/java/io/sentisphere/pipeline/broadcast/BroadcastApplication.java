package io.sentisphere.pipeline.broadcast;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.broadcast.auth.JwtVerifier;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import io.sentisphere.pipeline.broadcast.health.PusherHealth;
import io.sentisphere.pipeline.broadcast.health.StatsFeedHealth;
import io.sentisphere.pipeline.broadcast.lease.PublisherLease;
import io.sentisphere.pipeline.broadcast.push.Conflator;
import io.sentisphere.pipeline.broadcast.push.DeliveryLoop;
import io.sentisphere.pipeline.broadcast.push.Publisher;
import io.sentisphere.pipeline.broadcast.push.PusherHttpGateway;
import io.sentisphere.pipeline.broadcast.stats.LatestStats;
import io.sentisphere.pipeline.broadcast.stats.StatsFeed;
import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.service.health.KafkaReachability;
import io.sentisphere.pipeline.service.http.ContractEndpoint;
import io.sentisphere.pipeline.service.http.ServiceErrorAdvice;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** broadcast-service: {@code dashboard.stats.v1} in, Pusher events out; dashboard auth. Wiring only. */
@SpringBootApplication
public class BroadcastApplication {

    private static final Logger log = LoggerFactory.getLogger(BroadcastApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(BroadcastApplication.class, args);
    }

    /** {@code GET /openapi.yaml} and the schemas it references: the contract as the tests check it. */
    /** The one exception → HTTP mapping (service-kit's ErrorResponses). */
    @Bean
    ServiceErrorAdvice serviceErrorAdvice() {
        return new ServiceErrorAdvice();
    }

    @Bean
    ContractEndpoint contractEndpoint() {
        return new ContractEndpoint("broadcast-service");
    }

    @Bean
    BroadcastConfig broadcastConfig(Environment environment) {
        BroadcastConfig config = BroadcastConfig.load(environment::getProperty);
        log.info("broadcast-service configuration: {}", new TreeMap<>(config.printable()));
        log.info(
                "broadcasting {} on {} and {}.<range> via {}",
                BroadcastConfig.EVENT,
                config.baseChannel(),
                config.baseChannel(),
                config.target().describe());
        if (!config.cacheChannels()) {
            log.warn(
                    "{} is not a cache channel: dashboards get the current state only from "
                            + "/api/dashboard/current after (re)subscribing, not from the channel itself",
                    config.baseChannel());
        }
        return config;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    PusherHttpGateway pusherGateway(BroadcastConfig config) {
        return new PusherHttpGateway(config);
    }

    /** Per channel, the newest state not yet delivered: shared by the publisher and the delivery loop. */
    @Bean
    Conflator<String> conflator(BroadcastConfig config) {
        return new Conflator<>(config.conflation());
    }

    @Bean(destroyMethod = "close")
    DeliveryLoop deliveryLoop(
            BroadcastConfig config,
            Conflator<String> conflator,
            PusherHttpGateway gateway,
            Clock clock,
            MeterRegistry registry) {
        return new DeliveryLoop(conflator, gateway, config.retryMax(), clock, registry).start();
    }

    @Bean
    LatestStats latestStats() {
        return new LatestStats();
    }

    @Bean
    Publisher publisher(
            BroadcastConfig config,
            Conflator<String> conflator,
            DeliveryLoop loop,
            LatestStats latest,
            MeterRegistry registry) {
        return new Publisher(config, conflator, loop::wake, latest, registry);
    }

    /** Joins the publisher group: this instance publishes while it holds the lease. */
    @Bean(destroyMethod = "close")
    PublisherLease publisherLease(BroadcastConfig config, Publisher publisher) {
        return new PublisherLease(
                        config.bootstrapServers(), config.publisherGroup(), config.sessionTimeout(), publisher)
                .start();
    }

    @Bean(destroyMethod = "close")
    StatsFeed statsFeed(BroadcastConfig config, LatestStats latest, Publisher publisher, MeterRegistry registry) {
        return new StatsFeed(config.bootstrapServers(), latest, publisher::offer, registry).start();
    }

    @Bean
    JwtVerifier jwtVerifier(BroadcastConfig config, Clock clock) {
        return new JwtVerifier(config.jwtSecret(), config.jwtRole(), clock);
    }

    /** Health component {@code pusher}. */
    @Bean
    PusherHealth pusher(DeliveryLoop loop, Publisher publisher, Clock clock) {
        return new PusherHealth(loop::state, publisher::publishing, clock);
    }

    /** Health component {@code statsFeed}: the service's readiness. */
    @Bean
    StatsFeedHealth statsFeedHealth(StatsFeed feed) {
        return new StatsFeedHealth(feed);
    }

    /** Health component {@code kafka}. */
    @Bean(destroyMethod = "close")
    KafkaReachability kafka(BroadcastConfig config, Clock clock) {
        return new KafkaReachability(
                config.bootstrapServers(), List.of(Topics.STATS), Duration.ofSeconds(2), Duration.ofSeconds(2), clock);
    }

    /** Dashboards call auth and current stats from their own origin, with bearer tokens (no cookies). */
    @Bean
    WebMvcConfigurer cors(BroadcastConfig config) {
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                String[] origins = config.allowedOrigins().toArray(String[]::new);
                // Any request header: Echo and pusher-js may add their own (e.g. X-CSRF-TOKEN, X-Socket-ID).
                registry.addMapping("/broadcasting/**")
                        .allowedOriginPatterns(origins)
                        .allowedMethods("POST")
                        .allowedHeaders("*");
                registry.addMapping("/api/**")
                        .allowedOriginPatterns(origins)
                        .allowedMethods("GET")
                        .allowedHeaders("*");
            }
        };
    }
}
