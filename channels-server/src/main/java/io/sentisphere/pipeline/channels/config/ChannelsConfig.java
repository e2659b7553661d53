package io.sentisphere.pipeline.channels.config;

import io.sentisphere.pipeline.service.config.EnvReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * channels-server's whole configuration, read from environment variables once at start-up. One
 * app (id, key, secret), as a self-hosted Pusher replacement needs.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>PUSHER_APP_ID, PUSHER_APP_KEY</td><td>required (local: app-id, app-key)</td></tr>
 *   <tr><td>PUSHER_APP_SECRET</td><td>required in production (local: app-secret), printed masked</td></tr>
 *   <tr><td>CHANNELS_PORT</td><td>6001</td></tr>
 *   <tr><td>CHANNELS_MAX_CONNECTIONS</td><td>20000: further WebSockets are closed with 4100 (over capacity)</td></tr>
 *   <tr><td>CHANNELS_SEND_BUFFER_BYTES</td><td>262144: bytes queued for one slow socket before it is
 *       disconnected (4100)</td></tr>
 *   <tr><td>CHANNELS_SEND_TIME_LIMIT_MS</td><td>10000: longest a single send may block before the socket is
 *       disconnected</td></tr>
 *   <tr><td>CHANNELS_MAX_MESSAGE_BYTES</td><td>12288: largest text frame a client may send (bigger: closed
 *       1009); enough for a 10 KB client event. The container allocates a buffer of this many
 *       characters per socket, so it drives memory per connection</td></tr>
 *   <tr><td>CHANNELS_ACTIVITY_TIMEOUT_SECONDS</td><td>120: announced to clients; silent sockets are pinged and
 *       closed (4201) after twice this</td></tr>
 *   <tr><td>CHANNELS_CLIENT_EVENTS_PER_SECOND</td><td>10 per connection (Pusher's limit); more are refused (4301)</td></tr>
 *   <tr><td>CHANNELS_TIMESTAMP_TOLERANCE_SECONDS</td><td>600: HTTP API {@code auth_timestamp} tolerance</td></tr>
 *   <tr><td>CHANNELS_CACHE_TTL_SECONDS</td><td>1800: how long a cache channel keeps its last event</td></tr>
 *   <tr><td>CHANNELS_WEBHOOK_URL</td><td>none: where {@code cache_miss} webhooks are POSTed (Pusher's
 *       format and signature), e.g. broadcast-service's {@code http://127.0.0.1:8083/pusher/webhooks}</td></tr>
 * </table>
 *
 * @param printable every value with the secret masked, safe to log
 */
public record ChannelsConfig(
        String appId,
        String appKey,
        String appSecret,
        int port,
        int maxConnections,
        int sendBufferBytes,
        Duration sendTimeLimit,
        int maxMessageBytes,
        Duration activityTimeout,
        int clientEventsPerSecond,
        Duration timestampTolerance,
        Duration cacheTtl,
        Optional<URI> webhookUrl,
        Map<String, String> printable) {

    /** Channels whose {@code cache_miss} webhook may wait at once. */
    public static final int MAX_PENDING_WEBHOOKS = 1_000;

    /** Pusher's limits, enforced by the HTTP API. */
    public static final int MAX_DATA_BYTES = 10 * 1024;
    public static final int MAX_CHANNELS_PER_EVENT = 100;
    public static final int MAX_BATCH_EVENTS = 10;

    /** Reads and validates every variable; throws one exception listing every problem. */
    public static ChannelsConfig load(Function<String, String> lookup) {
        EnvReader env = new EnvReader("channels-server", lookup);
        String appId = env.string("PUSHER_APP_ID", "app-id");
        String appKey = env.string("PUSHER_APP_KEY", "app-key");
        String secret = env.secret("PUSHER_APP_SECRET", "app-secret");
        int port = env.integer("CHANNELS_PORT", 6001, 1, 65535);
        int maxConnections = env.integer("CHANNELS_MAX_CONNECTIONS", 20_000, 1, 1_000_000);
        int sendBuffer = env.integer("CHANNELS_SEND_BUFFER_BYTES", 256 * 1024, 16 * 1024, 64 * 1024 * 1024);
        Duration sendTimeLimit = env.millis("CHANNELS_SEND_TIME_LIMIT_MS", Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMinutes(5));
        int maxMessage = env.integer("CHANNELS_MAX_MESSAGE_BYTES", 12 * 1024, 1024, 1024 * 1024);
        int activity = env.integer("CHANNELS_ACTIVITY_TIMEOUT_SECONDS", 120, 1, 3600);
        int clientEvents = env.integer("CHANNELS_CLIENT_EVENTS_PER_SECOND", 10, 1, 10_000);
        int tolerance = env.integer("CHANNELS_TIMESTAMP_TOLERANCE_SECONDS", 600, 1, 86_400);
        int cacheTtl = env.integer("CHANNELS_CACHE_TTL_SECONDS", 1800, 1, 86_400);
        String webhook = env.optional("CHANNELS_WEBHOOK_URL", "");
        Optional<URI> webhookUrl = Optional.empty();
        if (webhook != null && !webhook.isBlank()) {
            try {
                URI uri = new URI(webhook.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    env.problem("CHANNELS_WEBHOOK_URL must be an http(s) URL with a host (was '" + webhook + "')");
                } else {
                    webhookUrl = Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                env.problem("CHANNELS_WEBHOOK_URL is not a URL (was '" + webhook + "')");
            }
        }
        Map<String, String> printable = env.finish();
        return new ChannelsConfig(appId, appKey, secret, port, maxConnections, sendBuffer, sendTimeLimit,
                maxMessage, Duration.ofSeconds(activity), clientEvents, Duration.ofSeconds(tolerance),
                Duration.ofSeconds(cacheTtl), webhookUrl, printable);
    }

    @Override
    public String toString() {
        return "ChannelsConfig" + printable;
    }
}
