package io.sentisphere.pipeline.channels.ws;

import io.sentisphere.pipeline.channels.hub.Subscriber;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One WebSocket as a {@link Subscriber}. Sends go through Spring's
 * {@link ConcurrentWebSocketSessionDecorator}: never two writers at once, at most
 * {@code bufferBytes} queued and at most {@code sendTimeLimitMs} for one send; a socket over either
 * limit is closed with 4100 (pusher-js reconnects with back-off) instead of growing memory.
 */
final class Connection implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String socketId;
    private final WebSocketSession raw;
    private final ConcurrentWebSocketSessionDecorator session;
    private final ChannelsMetrics metrics;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final int clientEventsPerSecond;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean pinged;
    private long windowStartNanos = System.nanoTime();
    private int eventsInWindow;

    Connection(String socketId, WebSocketSession raw, int sendTimeLimitMs, int bufferBytes, int clientEventsPerSecond,
            ChannelsMetrics metrics) {
        this.socketId = socketId;
        this.raw = raw;
        this.session = new ConcurrentWebSocketSessionDecorator(raw, sendTimeLimitMs, bufferBytes,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.clientEventsPerSecond = clientEventsPerSecond;
        this.metrics = metrics;
    }

    @Override
    public String socketId() {
        return socketId;
    }

    @Override
    public void send(String frame) {
        try {
            session.sendMessage(new TextMessage(frame));
        } catch (SessionLimitExceededException e) {
            metrics.rejected("slow_consumer");
            log.warn("socket {} could not keep up ({}); closing it with {}", socketId, e.getMessage(),
                    CloseCodes.OVER_CAPACITY);
            close(CloseCodes.OVER_CAPACITY, "Over capacity: client too slow");
        } catch (IOException | IllegalStateException e) {
            log.debug("send to socket {} failed: {}", socketId, e.toString());
            close(CloseStatus.SERVER_ERROR.getCode(), "send failed");
        }
    }

    void close(int code, String reason) {
        try {
            raw.close(new CloseStatus(code, reason));
        } catch (IOException | IllegalStateException e) {
            log.debug("closing socket {} failed: {}", socketId, e.toString());
        }
    }

    Set<String> channels() {
        return channels;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
        pinged = false;
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    boolean pinged() {
        return pinged;
    }

    void markPinged() {
        pinged = true;
    }

    boolean isOpen() {
        return raw.isOpen();
    }

    /** A one-second window counter: true while this socket is within its client-event rate. */
    synchronized boolean allowClientEvent() {
        long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            eventsInWindow = 0;
        }
        return ++eventsInWindow <= clientEventsPerSecond;
    }
}
