package io.sentisphere.pipeline.channels.hub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One protocol frame's text, UTF-8 encoded once. A publish builds one and hands the same bytes to
 * every subscribed socket: each socket gets its own read-only view ({@link #payload()}) of the
 * shared buffer, so fanning out copies and encodes nothing per socket.
 */
public final class EncodedFrame {

    private final ByteBuffer bytes;

    private EncodedFrame(ByteBuffer bytes) {
        this.bytes = bytes;
    }

    public static EncodedFrame of(String text) {
        return new EncodedFrame(
                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
    }

    /** A view of the shared bytes with its own position; the caller may consume it. */
    public ByteBuffer payload() {
        return bytes.duplicate();
    }

    /** Bytes on the wire, without the WebSocket frame header. */
    public int length() {
        return bytes.remaining();
    }

    /** The frame's text (decoded again; for tests and logs, not for sending). */
    @Override
    public String toString() {
        return StandardCharsets.UTF_8.decode(payload()).toString();
    }
}
