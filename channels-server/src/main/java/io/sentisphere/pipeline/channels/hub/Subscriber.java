package io.sentisphere.pipeline.channels.hub;

/**
 * One connected socket, as the hub sees it. Implementations must make {@link #send} non-blocking
 * and bounded: a socket that cannot keep up is disconnected rather than buffered without limit.
 */
public interface Subscriber {

    /** Pusher's {@code socket_id}, {@code digits.digits}, unique while connected. */
    String socketId();

    /**
     * Queues one protocol frame; never blocks on a slow peer. The frame's bytes may be shared with
     * other sockets: implementations write them as they are and never modify them.
     */
    void send(EncodedFrame frame);
}
