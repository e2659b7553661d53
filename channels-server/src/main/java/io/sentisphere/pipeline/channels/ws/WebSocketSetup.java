package io.sentisphere.pipeline.channels.ws;

import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

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
        registry.addHandler(handler, "/app/*").setAllowedOriginPatterns("*");
    }

    /**
     * Client text frames over {@code CHANNELS_MAX_MESSAGE_BYTES} are closed with 1009 by the container.
     * Tomcat allocates both message buffers for every socket up front, so the binary one (the
     * protocol has no binary frames) is kept minimal: with 10,000 sockets each kilobyte costs 10 MB.
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer(ChannelsConfig config) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(config.maxMessageBytes());
        container.setMaxBinaryMessageBufferSize(1024);
        container.setAsyncSendTimeout(config.sendTimeLimit().toMillis());
        return container;
    }
}
