package io.sentisphere.pipeline.channels.ws;

import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import io.sentisphere.pipeline.channels.hub.ChannelHub;
import io.sentisphere.pipeline.channels.hub.Frames;
import io.sentisphere.pipeline.channels.hub.Member;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.channels.protocol.ChannelAuth;
import io.sentisphere.pipeline.channels.protocol.ChannelName;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Pusher protocol 7 over WebSocket {@code /app/{key}}: connection set-up, subscribe/unsubscribe
 * (with auth for private and presence channels), ping/pong and client events. Channel state lives
 * in {@link ChannelHub}; this class only speaks the protocol.
 *
 * <p>Refusals follow Pusher: unknown app key → {@code pusher:error} 4001 and close; missing or
 * unsupported protocol → 4008/4007; more than {@code CHANNELS_MAX_CONNECTIONS} sockets → 4100 (the
 * client backs off and retries); bad subscription auth → {@code pusher:subscription_error} with
 * status 401, the socket stays open; client events over the rate → {@code pusher:error} 4301.
 * Logs carry socket ids and channel names, never auth values, user info or event data.
 *
 * <p>It is the {@link WebSocketCreator} of Jetty's own WebSocket API ({@link WebSocketSetup}): one
 * {@link Socket} listener per upgrade, with nothing of the HTTP upgrade kept beyond the app key and
 * protocol version it carried. Jetty calls a socket's listener one event at a time.
 */
public final class PusherSocketHandler implements WebSocketCreator {

    private static final Logger log = LoggerFactory.getLogger(PusherSocketHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelsConfig config;
    private final ChannelHub hub;
    private final ChannelAuth auth;
    private final ChannelsMetrics metrics;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    public PusherSocketHandler(ChannelsConfig config, ChannelHub hub, ChannelsMetrics metrics) {
        this.config = config;
        this.hub = hub;
        this.auth = new ChannelAuth(config.appKey(), config.appSecret());
        this.metrics = metrics;
        metrics.gauges(connections::size, hub::subscriptionCount);
    }

    public int connectionCount() {
        return connections.size();
    }

    /**
     * Accepts every upgrade to {@code /app/*}, from any origin as Pusher does (dashboards are served
     * from anywhere; private channels are protected by auth), and without extensions: with
     * permessage-deflate every published frame would be compressed once per socket, with a deflater
     * per socket, where the fan-out writes one encoded frame's bytes to all of them; Pusher frames
     * are small JSON, and clients that offer compression (browsers, Node's ws) fall back to none.
     * The app key and protocol are checked once the socket is open, so refusals are Pusher's
     * {@code pusher:error} frames and close codes rather than HTTP statuses.
     */
    @Override
    public Object createWebSocket(
            ServerUpgradeRequest request, ServerUpgradeResponse response, org.eclipse.jetty.util.Callback callback) {
        response.setExtensions(List.of());
        String path = request.getHttpURI().getPath();
        Fields query = Request.extractQueryParameters(request);
        return new Socket(path == null ? "" : path.substring(path.lastIndexOf('/') + 1), query.getValue("protocol"));
    }

    private Connection open(Session session, String key, String protocol) {
        if (!key.equals(config.appKey())) {
            refuse(session, CloseCodes.APP_DOES_NOT_EXIST, "App key " + key + " does not exist", "unknown_app_key");
            return null;
        }
        if (protocol == null) {
            refuse(session, CloseCodes.NO_PROTOCOL, "No protocol version supplied", "no_protocol");
            return null;
        }
        if (!protocol.matches("[5-7]")) {
            refuse(session, CloseCodes.UNSUPPORTED_PROTOCOL, "Unsupported protocol version", "unsupported_protocol");
            return null;
        }
        if (connections.size() >= config.maxConnections()) {
            refuse(session, CloseCodes.OVER_CAPACITY, "Over capacity", "over_capacity");
            return null;
        }
        Connection connection = new Connection(
                newSocketId(),
                session,
                (int) config.sendTimeLimit().toMillis(),
                config.sendBufferBytes(),
                config.clientEventsPerSecond(),
                metrics);
        connections.add(connection);
        connection.send(Frames.connectionEstablished(
                connection.socketId(), config.activityTimeout().toSeconds()));
        return connection;
    }

    private void text(Connection connection, String text) {
        metrics.messageIn();
        connection.touch();
        JsonNode frame;
        try {
            frame = Frames.json().readTree(text);
        } catch (JacksonException e) {
            connection.send(Frames.error(null, "Invalid JSON"));
            metrics.rejected("invalid_json");
            return;
        }
        String event = frame.path("event").asString("");
        switch (event) {
            case "pusher:ping" -> connection.send(Frames.pong());
            case "pusher:pong" -> {
                // activity already recorded
            }
            case "pusher:subscribe" -> subscribe(connection, data(frame));
            case "pusher:unsubscribe" -> {
                String channel = data(frame).path("channel").asString(null);
                if (channel != null && connection.channels().remove(channel)) {
                    hub.unsubscribe(connection, channel);
                }
            }
            default -> {
                if (event.startsWith("client-")) {
                    clientEvent(connection, frame, event, text.getBytes(StandardCharsets.UTF_8).length);
                } else {
                    connection.send(Frames.error(null, "Unsupported event " + abbreviate(event)));
                    metrics.rejected("unsupported_event");
                }
            }
        }
    }

    private void subscribe(Connection connection, JsonNode data) {
        String channelValue = data.path("channel").asString(null);
        Optional<ChannelName> parsed = ChannelName.parse(channelValue);
        if (parsed.isEmpty()) {
            connection.send(Frames.error(null, "Invalid channel name"));
            metrics.rejected("invalid_channel");
            return;
        }
        ChannelName channel = parsed.get();
        String channelData = channel.isPresence() ? data.path("channel_data").asString(null) : null;
        if (channel.needsAuth()
                && !auth.verify(
                        connection.socketId(),
                        channel.value(),
                        channelData,
                        data.path("auth").asString(null))) {
            log.info(
                    "subscription refused: invalid auth signature for socket {} on channel {}",
                    connection.socketId(),
                    channel);
            metrics.rejected("invalid_subscription_auth");
            connection.send(Frames.subscriptionError(
                    channel.value(), "AuthError", "Invalid signature for channel " + channel.value(), 401));
            return;
        }
        Member member = null;
        if (channel.isPresence()) {
            member = member(channelData);
            if (member == null) {
                metrics.rejected("invalid_channel_data");
                connection.send(Frames.subscriptionError(
                        channel.value(), "AuthError", "channel_data must be JSON with a user_id", 400));
                return;
            }
        }
        connection.channels().add(channel.value());
        hub.subscribe(connection, channel, member);
    }

    private void clientEvent(Connection connection, JsonNode frame, String event, int length) {
        String channel = frame.path("channel").asString(null);
        Optional<ChannelName> name = ChannelName.parse(channel);
        if (name.isEmpty() || !name.get().needsAuth()) {
            reject(
                    connection,
                    "client_event_channel",
                    "Client event rejected - only supported on private and presence channels");
        } else if (!connection.channels().contains(channel)) {
            reject(connection, "client_event_not_subscribed", "Client event rejected - not subscribed to " + channel);
        } else if (length > ChannelsConfig.MAX_DATA_BYTES + 1024) {
            reject(connection, "client_event_too_large", "Client event rejected - data over 10 KB");
        } else if (!connection.allowClientEvent()) {
            metrics.rejected("client_event_rate_limit");
            connection.send(
                    Frames.error(CloseCodes.CLIENT_EVENT_RATE_LIMIT, "Client event rejected due to rate limit"));
        } else {
            hub.clientEvent(connection, channel, event, frame.path("data"));
        }
    }

    private void reject(Connection connection, String reason, String message) {
        metrics.rejected(reason);
        connection.send(Frames.error(null, message));
    }

    private void closed(Connection connection, int code) {
        if (code == StatusCode.MESSAGE_TOO_LARGE) {
            // Jetty refused a frame over CHANNELS_MAX_MESSAGE_BYTES.
            metrics.rejected("message_too_large");
            log.info("socket closed with 1009: a client frame exceeded {} bytes", config.maxMessageBytes());
        }
        if (connection != null && connections.remove(connection)) {
            hub.disconnect(connection, connection.channels());
        }
    }

    /**
     * Pings sockets silent for the activity timeout and closes (4201) those still silent after
     * another one; drops the connection of sockets whose close did not complete within the send time
     * limit. Called periodically.
     */
    public void checkActivity() {
        long timeout = config.activityTimeout().toNanos();
        for (Connection connection : connections) {
            connection.abortIfCloseIsStuck();
            long idle = connection.idleNanos();
            if (idle > 2 * timeout) {
                metrics.rejected("pong_not_received");
                connection.close(CloseCodes.PONG_NOT_RECEIVED, "Pong reply not received");
            } else if (idle > timeout && !connection.pinged()) {
                connection.markPinged();
                connection.send(Frames.ping());
            }
        }
    }

    /** On shutdown: tell every client to reconnect at once (4200), so they find the next instance. */
    public void closeAll() {
        connections.forEach(c -> c.close(CloseCodes.RECONNECT, "Server shutting down"));
    }

    /** Sends Pusher's error frame, then closes with its code once the frame is written. */
    private void refuse(Session session, int code, String message, String reason) {
        metrics.rejected(reason);
        log.info("connection refused with {}: {}", code, message);
        Runnable close = () -> session.close(code, message, Callback.NOOP);
        session.sendText(Frames.error(code, message), Callback.from(close, failure -> close.run()));
    }

    private static JsonNode data(JsonNode frame) {
        JsonNode data = frame.path("data");
        if (data.isString()) {
            try {
                return Frames.json().readTree(data.asString());
            } catch (JacksonException e) {
                return Frames.json().createObjectNode();
            }
        }
        return data;
    }

    private static Member member(String channelData) {
        if (channelData == null || channelData.getBytes(StandardCharsets.UTF_8).length > 1024) {
            return null;
        }
        try {
            JsonNode node = Frames.json().readTree(channelData);
            JsonNode userId = node.path("user_id");
            if (!(userId.isString() || userId.isIntegralNumber())
                    || userId.asString().isEmpty()) {
                return null;
            }
            JsonNode info = node.has("user_info")
                    ? node.get("user_info")
                    : Frames.json().createObjectNode();
            return new Member(userId.asString(), info);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String newSocketId() {
        return Math.abs(RANDOM.nextInt(1_000_000_000)) + "." + Math.abs(RANDOM.nextInt(1_000_000_000));
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /**
     * One socket's listener: the upgrade's app key and protocol, then its {@link Connection}. Public
     * because Jetty binds its methods with method handles.
     */
    public final class Socket implements Session.Listener.AutoDemanding {
        private final String key;
        private final String protocol;
        private volatile Connection connection;

        Socket(String key, String protocol) {
            this.key = key;
            this.protocol = protocol;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            connection = open(session, key, protocol);
        }

        @Override
        public void onWebSocketText(String text) {
            Connection open = connection;
            if (open != null) {
                text(open, text);
            }
        }

        @Override
        public void onWebSocketClose(int code, String reason) {
            closed(connection, code);
        }

        @Override
        public void onWebSocketError(Throwable failure) {
            Connection open = connection;
            log.debug("transport error on socket {}: {}", open == null ? "-" : open.socketId(), failure.toString());
        }
    }
}
