package io.sentisphere.pipeline.channels.ws;

import io.sentisphere.pipeline.channels.hub.EncodedFrame;
import io.sentisphere.pipeline.channels.hub.Subscriber;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket as a {@link Subscriber}, with a bounded, non-blocking send path: frames are queued
 * and written one at a time with Jetty's core WebSocket API ({@link CoreSession#sendFrame}), so a
 * publisher fanning an event out to thousands of sockets never waits for a slow one. A frame's
 * payload is the publish's shared, already encoded bytes ({@link EncodedFrame}): Jetty adds the
 * 2-4 byte header and writes header and payload with one gathering write, nothing is encoded or
 * copied per socket (the message APIs' {@code sendText(String)} would encode the text again for
 * every socket). Per-message compression is never negotiated ({@link WebSocketSetup}), so the
 * bytes go out as they are. A socket with more than
 * {@code bufferBytes} queued, or whose current write has not completed within
 * {@code sendTimeLimitMs}, is closed with 4100 (pusher-js reconnects with back-off) instead of
 * growing memory. (Spring's {@code ConcurrentWebSocketSessionDecorator} bounds the same way but
 * writes with blocking sends on the publisher's thread, which would stall a fan-out.)
 */
final class Connection implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String socketId;
    private final Session session;
    private final CoreSession core;
    private final ChannelsMetrics metrics;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final int clientEventsPerSecond;
    private final long sendTimeLimitNanos;
    private final int bufferBytes;
    /** Guarded by {@code this}: frames waiting, their size, and whether a write is in flight. */
    private final ArrayDeque<EncodedFrame> queue = new ArrayDeque<>();

    private long queuedBytes;
    private boolean writing;
    private long writeStartedNanos;
    private boolean closed;
    private long closedAtNanos;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean pinged;
    private long windowStartNanos = System.nanoTime();
    private int eventsInWindow;

    Connection(
            String socketId,
            Session session,
            int sendTimeLimitMs,
            int bufferBytes,
            int clientEventsPerSecond,
            ChannelsMetrics metrics) {
        this.socketId = socketId;
        this.session = session;
        this.core = ((org.eclipse.jetty.websocket.common.WebSocketSession) session).getCoreSession();
        this.sendTimeLimitNanos = sendTimeLimitMs * 1_000_000L;
        this.bufferBytes = bufferBytes;
        this.clientEventsPerSecond = clientEventsPerSecond;
        this.metrics = metrics;
    }

    @Override
    public String socketId() {
        return socketId;
    }

    /** A frame for this socket only (handshake, errors, pings): encoded here. */
    void send(String frame) {
        send(EncodedFrame.of(frame));
    }

    @Override
    public void send(EncodedFrame frame) {
        String reason = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (writing && System.nanoTime() - writeStartedNanos > sendTimeLimitNanos) {
                reason = "a write took longer than the send time limit";
            } else if (queuedBytes + frame.length() > bufferBytes) {
                reason = "over " + bufferBytes + " bytes queued";
            } else if (writing) {
                queue.add(frame);
                queuedBytes += frame.length();
                return;
            } else {
                writing = true;
                writeStartedNanos = System.nanoTime();
            }
        }
        if (reason != null) {
            slowConsumer(reason);
            return;
        }
        write(frame);
    }

    private void write(EncodedFrame frame) {
        try {
            core.sendFrame(
                    new Frame(OpCode.TEXT, true, frame.payload()), Callback.from(this::written, this::failed), false);
        } catch (RuntimeException e) {
            log.debug("send to socket {} failed: {}", socketId, e.toString());
            close(StatusCode.SERVER_ERROR, "send failed");
        }
    }

    private void failed(Throwable failure) {
        log.debug("send to socket {} failed: {}", socketId, failure.toString());
        close(StatusCode.SERVER_ERROR, "send failed");
    }

    private void written() {
        EncodedFrame next;
        synchronized (this) {
            next = queue.poll();
            if (next == null || closed) {
                writing = false;
                return;
            }
            queuedBytes -= next.length();
            writeStartedNanos = System.nanoTime();
        }
        write(next);
    }

    private void slowConsumer(String reason) {
        metrics.rejected("slow_consumer");
        log.warn("socket {} could not keep up ({}); closing it with {}", socketId, reason, CloseCodes.OVER_CAPACITY);
        close(CloseCodes.OVER_CAPACITY, "Over capacity: client too slow");
    }

    void close(int code, String reason) {
        synchronized (this) {
            if (!closed) {
                closedAtNanos = System.nanoTime();
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        session.close(
                code,
                reason,
                org.eclipse.jetty.websocket.api.Callback.from(
                        () -> {}, failure -> log.debug("closing socket {} failed: {}", socketId, failure.toString())));
    }

    /**
     * Drops the TCP connection of a socket asked to close more than the send time limit ago: its
     * close frame is queued behind a write the peer never reads (a slow consumer), so the close
     * handshake cannot finish. Called periodically; the container then reports the socket closed.
     */
    void abortIfCloseIsStuck() {
        boolean stuck;
        synchronized (this) {
            stuck = closed && System.nanoTime() - closedAtNanos > sendTimeLimitNanos;
        }
        if (stuck && !core.isClosed()) {
            log.debug("socket {} did not complete its close handshake; dropping the connection", socketId);
            core.abort();
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
