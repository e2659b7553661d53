package io.sentisphere.pipeline.channels.ws;

import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves {@code /app/*} WebSocket upgrades with Jetty's own WebSocket API, in front of the servlet
 * context that serves the HTTP API, and sets the container's frame limits.
 *
 * <p>The upgrade is handled by Jetty's {@link WebSocketUpgradeHandler} rather than through a
 * servlet and Spring's or jakarta's WebSocket session adapters: those keep per socket the servlet
 * request and response of the upgrade, a copy of its headers, Spring's session attributes and (with
 * jakarta) some 40 registered encoders and decoders, which bench/fanout measured at about 20 KB of
 * heap for every idle socket. The protocol needs none of it: {@link PusherSocketHandler} keeps the
 * app key and protocol version and {@link Connection} writes through the core session. Requests
 * that are not upgrades to {@code /app/*} pass through to the servlet context unchanged.
 *
 * <p>The container's settings: client text frames over {@code CHANNELS_MAX_MESSAGE_BYTES} are
 * closed with 1009 by Jetty; the protocol has no binary frames, so that limit is minimal; quiet
 * sockets are left to the protocol's own liveness check (ping after {@code activity_timeout},
 * 4201 without a pong), so Jetty's idle timeout (30 s by default, while pusher-js pings only every
 * {@code activity_timeout}, 120 s) is three activity timeouts.
 */
@Configuration
public class WebSocketSetup {

    /** The protocol has no binary frames; the smallest limit Jetty takes. */
    static final int MAX_BINARY_MESSAGE_BYTES = 1024;

    /** The path pusher-js connects to: {@code /app/{key}}. */
    static final String PATH = "/app/*";

    @Bean
    JettyServerCustomizer pusherWebSockets(PusherSocketHandler handler, ChannelsConfig config) {
        return server -> {
            Handler application = server.getHandler();
            WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
                configure(container, config);
                container.addMapping(PATH, handler);
            });
            upgrades.setHandler(application);
            server.setHandler(upgrades);
        };
    }

    static void configure(ServerWebSocketContainer container, ChannelsConfig config) {
        container.setMaxTextMessageSize(config.maxMessageBytes());
        container.setMaxBinaryMessageSize(MAX_BINARY_MESSAGE_BYTES);
        container.setIdleTimeout(config.activityTimeout().multipliedBy(3));
    }
}
