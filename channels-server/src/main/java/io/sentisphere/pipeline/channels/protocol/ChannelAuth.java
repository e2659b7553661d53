package io.sentisphere.pipeline.channels.protocol;

/**
 * Subscription authentication for {@code private-} and {@code presence-} channels: the client sends
 * {@code auth = key:HMAC-SHA256(secret, socket_id:channel[:channel_data])}, which the app's auth
 * endpoint computed.
 */
public final class ChannelAuth {

    private final String key;
    private final String secret;

    public ChannelAuth(String key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    /** The expected {@code auth} value; {@code channelData} is null for private channels. */
    public String expected(String socketId, String channel, String channelData) {
        String message = socketId + ":" + channel + (channelData == null ? "" : ":" + channelData);
        return key + ":" + Hmac.sha256Hex(secret, message);
    }

    /** True when {@code auth} is exactly the expected value (constant-time comparison). */
    public boolean verify(String socketId, String channel, String channelData, String auth) {
        return Hmac.equalsConstantTime(expected(socketId, channel, channelData), auth);
    }
}
