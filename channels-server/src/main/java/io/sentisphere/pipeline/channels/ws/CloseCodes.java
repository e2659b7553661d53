package io.sentisphere.pipeline.channels.ws;

/**
 * Pusher's WebSocket close and error codes, chosen so that pusher-js does what it does against
 * Pusher: 4000–4099 it stops, 4100–4199 it reconnects with back-off, 4200–4299 it reconnects at
 * once; 4300–4399 are errors that do not close the connection.
 */
public final class CloseCodes {

    public static final int APP_DOES_NOT_EXIST = 4001;
    public static final int PATH_NOT_FOUND = 4005;
    public static final int UNSUPPORTED_PROTOCOL = 4007;
    public static final int NO_PROTOCOL = 4008;
    public static final int OVER_CAPACITY = 4100;
    public static final int RECONNECT = 4200;
    public static final int PONG_NOT_RECEIVED = 4201;
    public static final int CLIENT_EVENT_RATE_LIMIT = 4301;

    private CloseCodes() {}
}
