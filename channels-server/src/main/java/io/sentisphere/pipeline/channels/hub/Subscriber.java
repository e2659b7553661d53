package io.sentisphere.pipeline.channels.hub;

/**
 * One connected socket, as the hub sees it. Implementations must make {@link #send} non-blocking
 * and bounded: a socket that cannot keep up is disconnected rather than buffered without limit.
 */
public interface Subscriber {

    /** Pusher's {@code socket_id}, {@code digits.digits}, unique while connected. */
    String socketId();

    /** Queues one serialized protocol frame; never blocks on a slow peer. */
    void send(String frame);
}
