package io.sentisphere.pipeline.channels.ws;

import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** Routes {@code /app/{key}} to the protocol handler and sets the container's frame limits. */
@Configuration
@EnableWebSocket
public class WebSocketSetup implements WebSocketConfigurer {

    private final PusherSocketHandler handler;

    public WebSocketSetup(PusherSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Dashboards are served from any origin, as with Pusher; private channels are protected by auth.
        registry.addHandler(handler, "/app/*")
                .setAllowedOriginPatterns("*")
                // Jetty's jakarta.websocket sessions, whose core session Connection writes to
                .setHandshakeHandler(new DefaultHandshakeHandler(new StandardWebSocketUpgradeStrategy()));
    }

    /**
     * The servlet container is Jetty (bench/fanout: half the memory per socket of Tomcat, which
     * allocated both message buffers for every session up front, and a shorter fan-out). Client
     * text frames over {@code CHANNELS_MAX_MESSAGE_BYTES} are closed with 1009 by the container; the
     * protocol has no binary frames, so that buffer is kept minimal.
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer(ChannelsConfig config) {
        ServletServerContainerFactoryBean container = new WithoutCompression();
        container.setMaxTextMessageBufferSize(config.maxMessageBytes());
        container.setMaxBinaryMessageBufferSize(1024);
        // The protocol's own liveness check (ping after activity_timeout, 4201 without a pong) decides
        // when a quiet socket is dead; the container must not close it first (Jetty's default is 30 s,
        // while pusher-js pings only every activity_timeout, 120 s).
        container.setMaxSessionIdleTimeout(
                config.activityTimeout().multipliedBy(3).toMillis());
        return container;
    }

    /**
     * Jetty's container without permessage-deflate: with it, every published frame would be
     * compressed once per socket (with a deflater per socket), where the fan-out writes one encoded
     * frame's bytes to all of them. Pusher frames are small JSON; clients that offer compression
     * (browsers, Node's ws) fall back to none.
     */
    static final class WithoutCompression extends ServletServerContainerFactoryBean {
        @Override
        public void afterPropertiesSet() {
            super.afterPropertiesSet();
            ((JakartaWebSocketContainer) getObject())
                    .getWebSocketComponents()
                    .getExtensionRegistry()
                    .unregister("permessage-deflate");
        }
    }
}
