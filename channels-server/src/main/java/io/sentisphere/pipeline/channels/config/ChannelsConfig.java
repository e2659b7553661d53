package io.sentisphere.pipeline.channels.config;

import io.sentisphere.pipeline.service.config.ConfigDef;
import io.sentisphere.pipeline.service.config.ConfigDef.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * channels-server's whole configuration, read from environment variables once at start-up. Each
 * variable is declared once, in {@link #SETTINGS}; channels-server's README table is generated
 * from it.
 *
 * @param printable every value with the secret masked, safe to log
 */
public record ChannelsConfig(
        String appId,
        String appKey,
        String appSecret,
        int maxConnections,
        int sendBufferBytes,
        Duration sendTimeLimit,
        int maxMessageBytes,
        Duration activityTimeout,
        int clientEventsPerSecond,
        Duration timestampTolerance,
        Duration cacheTtl,
        Optional<URI> webhookUrl,
        Duration housekeepingInterval,
        Map<String, String> printable) {

    /** Channels whose {@code cache_miss} webhook may wait at once. */
    public static final int MAX_PENDING_WEBHOOKS = 1_000;

    /** Pusher's limits, enforced by the HTTP API. */
    public static final int MAX_DATA_BYTES = 10 * 1024;

    public static final int MAX_CHANNELS_PER_EVENT = 100;
    public static final int MAX_BATCH_EVENTS = 10;

    /** Every variable channels-server reads. */
    public static final ConfigDef SETTINGS = new ConfigDef("channels-server");

    static final Setting<String> APP_ID = SETTINGS.required("PUSHER_APP_ID", "app-id", "the one app's id");
    static final Setting<String> APP_KEY =
            SETTINGS.required("PUSHER_APP_KEY", "app-key", "its key (clients connect to `/app/<key>`)");
    static final Setting<String> APP_SECRET = SETTINGS.secret(
            "PUSHER_APP_SECRET", "app-secret", "its secret: signs HTTP API requests, channel auth and webhooks");
    static final Setting<Integer> PORT =
            SETTINGS.integer("CHANNELS_PORT", 6001, 1, 65535, "WebSocket and HTTP API port");
    static final Setting<Integer> MAX_CONNECTIONS = SETTINGS.integer(
            "CHANNELS_MAX_CONNECTIONS",
            15_000,
            1,
            1_000_000,
            "further WebSockets are closed with 4100 (over capacity); about 10 KB of heap each, so the"
                    + " shipped 256 MiB heap holds 15,000 (raise -Xmx with it)");
    static final Setting<Integer> SEND_BUFFER = SETTINGS.integer(
            "CHANNELS_SEND_BUFFER_BYTES",
            256 * 1024,
            16 * 1024,
            64 * 1024 * 1024,
            "bytes queued for one slow socket before it is disconnected (4100)");
    static final Setting<Duration> SEND_TIME_LIMIT = SETTINGS.millis(
            "CHANNELS_SEND_TIME_LIMIT_MS",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(5),
            "longest a single send may block before the socket is disconnected");
    static final Setting<Integer> MAX_MESSAGE = SETTINGS.integer(
            "CHANNELS_MAX_MESSAGE_BYTES",
            12 * 1024,
            1024,
            1024 * 1024,
            "largest text frame a client may send (bigger: closed 1009); the container allocates this per socket");
    static final Setting<Duration> ACTIVITY_TIMEOUT = SETTINGS.seconds(
            "CHANNELS_ACTIVITY_TIMEOUT_SECONDS",
            Duration.ofSeconds(120),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            "announced to clients; silent sockets are pinged, and closed (4201) after twice this");
    static final Setting<Integer> CLIENT_EVENTS = SETTINGS.integer(
            "CHANNELS_CLIENT_EVENTS_PER_SECOND",
            10,
            1,
            10_000,
            "client events per connection and second (Pusher's limit); more are refused (4301)");
    static final Setting<Duration> TIMESTAMP_TOLERANCE = SETTINGS.seconds(
            "CHANNELS_TIMESTAMP_TOLERANCE_SECONDS",
            Duration.ofSeconds(600),
            Duration.ofSeconds(1),
            Duration.ofDays(1),
            "HTTP API `auth_timestamp` tolerance");
    static final Setting<Duration> CACHE_TTL = SETTINGS.seconds(
            "CHANNELS_CACHE_TTL_SECONDS",
            Duration.ofSeconds(1800),
            Duration.ofSeconds(1),
            Duration.ofDays(1),
            "how long a cache channel keeps its last event");
    static final Setting<String> WEBHOOK_URL = SETTINGS.optional(
            "CHANNELS_WEBHOOK_URL",
            "",
            "unset: no webhooks. Where `cache_miss` webhooks are POSTed (Pusher's format and signature), "
                    + "e.g. broadcast-service's `http://127.0.0.1:8083/pusher/webhooks`");
    static final Setting<Duration> HOUSEKEEPING = SETTINGS.millis(
            "CHANNELS_HOUSEKEEPING_MS",
            Duration.ofSeconds(5),
            Duration.ofMillis(50),
            Duration.ofMinutes(1),
            "how often idle sockets are pinged or closed and expired cache events dropped");

    /** Reads and validates every variable; throws one exception listing every problem. */
    public static ChannelsConfig load(Function<String, String> lookup) {
        ConfigDef.Values values = SETTINGS.read(lookup);
        Optional<URI> webhookUrl = Optional.empty();
        Optional<String> webhook = values.optional(WEBHOOK_URL);
        if (webhook.isPresent()) {
            try {
                URI uri = new URI(webhook.get().trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    values.problem(
                            "CHANNELS_WEBHOOK_URL must be an http(s) URL with a host (was '" + webhook.get() + "')");
                } else {
                    webhookUrl = Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                values.problem("CHANNELS_WEBHOOK_URL is not a URL (was '" + webhook.get() + "')");
            }
        }
        Map<String, String> printable = values.finish();
        return new ChannelsConfig(
                values.get(APP_ID),
                values.get(APP_KEY),
                values.get(APP_SECRET),
                values.get(MAX_CONNECTIONS),
                values.get(SEND_BUFFER),
                values.get(SEND_TIME_LIMIT),
                values.get(MAX_MESSAGE),
                values.get(ACTIVITY_TIMEOUT),
                values.get(CLIENT_EVENTS),
                values.get(TIMESTAMP_TOLERANCE),
                values.get(CACHE_TTL),
                webhookUrl,
                values.get(HOUSEKEEPING),
                printable);
    }

    @Override
    public String toString() {
        return "ChannelsConfig" + printable;
    }
}
