package io.sentisphere.pipeline.channels;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import io.sentisphere.pipeline.channels.http.RequestSigning;
import io.sentisphere.pipeline.channels.hub.ChannelHub;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.channels.webhook.WebhookSender;
import io.sentisphere.pipeline.channels.ws.PusherSocketHandler;
import java.time.Clock;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** channels-server: a Pusher Channels protocol 7 server. Wiring only. */
@SpringBootApplication
@EnableScheduling
public class ChannelsServerApplication {

    private static final Logger log = LoggerFactory.getLogger(ChannelsServerApplication.class);

    private final Environment environment;

    public ChannelsServerApplication(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        SpringApplication.run(ChannelsServerApplication.class, args);
    }

    @Bean
    ChannelsConfig channelsConfig() {
        ChannelsConfig config = ChannelsConfig.load(environment::getProperty);
        log.info("channels-server configuration: {}", new TreeMap<>(config.printable()));
        return config;
    }

    @Bean
    ChannelsMetrics channelsMetrics(MeterRegistry registry) {
        return new ChannelsMetrics(registry);
    }

    /** {@code cache_miss} webhooks, when {@code CHANNELS_WEBHOOK_URL} is set. */
    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(ChannelsConfig config, ChannelsMetrics metrics) {
        config.webhookUrl()
                .ifPresentOrElse(
                        url -> log.info("cache_miss webhooks go to {}", url),
                        () -> log.info("no CHANNELS_WEBHOOK_URL: cache misses are not reported to the app"));
        return new WebhookSender(
                config.webhookUrl(),
                config.appKey(),
                config.appSecret(),
                ChannelsConfig.MAX_PENDING_WEBHOOKS,
                metrics,
                Clock.systemUTC());
    }

    @Bean
    ChannelHub channelHub(ChannelsConfig config, ChannelsMetrics metrics, WebhookSender webhooks) {
        return new ChannelHub(metrics, config.cacheTtl(), Clock.systemUTC(), webhooks::cacheMiss);
    }

    @Bean
    RequestSigning requestSigning(ChannelsConfig config) {
        return new RequestSigning(config.appKey(), config.appSecret(), config.timestampTolerance(), Clock.systemUTC());
    }

    @Bean
    PusherSocketHandler pusherSocketHandler(ChannelsConfig config, ChannelHub hub, ChannelsMetrics metrics) {
        return new PusherSocketHandler(config, hub, metrics);
    }

    /**
     * On shutdown, before the web server's graceful stop (higher phase stops first), every socket is
     * closed with 4200 so pusher-js reconnects at once (to this server when it is back, or another).
     */
    @Bean
    SmartLifecycle reconnectOnShutdown(PusherSocketHandler handler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                handler.closeAll();
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    Housekeeping housekeeping(PusherSocketHandler handler, ChannelHub hub) {
        return new Housekeeping(handler, hub);
    }

    /** Pings or closes idle sockets and expires cache channels' events, every few seconds. */
    static final class Housekeeping {
        private final PusherSocketHandler handler;
        private final ChannelHub hub;

        Housekeeping(PusherSocketHandler handler, ChannelHub hub) {
            this.handler = handler;
            this.hub = hub;
        }

        @Scheduled(fixedDelayString = "#{@channelsConfig.housekeepingInterval().toMillis()}")
        void run() {
            handler.checkActivity();
            hub.expireCache();
        }
    }
}
