package io.sentisphere.pipeline.broadcast.config;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.service.config.EnvReader;
import io.sentisphere.pipeline.service.config.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * broadcast-service's whole configuration, read from environment variables once at start-up.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>required (local: 127.0.0.1:9092)</td></tr>
 *   <tr><td>PUSHER_APP_ID, PUSHER_APP_KEY</td><td>required (local: app-id, app-key)</td></tr>
 *   <tr><td>PUSHER_APP_SECRET</td><td>required in production (local: app-secret), masked</td></tr>
 *   <tr><td>PUSHER_APP_CLUSTER</td><td>Pusher itself (TLS); or else PUSHER_HOST (local 127.0.0.1),
 *       PUSHER_PORT (6001), PUSHER_SCHEME (http) for a self-hosted server</td></tr>
 *   <tr><td>BROADCAST_CHANNEL</td><td>private-cache-dashboard (base channel). A cache channel, so Pusher
 *       (and channels-server) replays the last event to every new subscription; {@code private-dashboard}
 *       and {@code dashboard} are the legacy private and public names</td></tr>
 *   <tr><td>DASHBOARD_JWT_SECRET</td><td>HS256 secret; required in production, at least 32 bytes there
 *       (local: local-jwt-secret), masked</td></tr>
 *   <tr><td>DASHBOARD_JWT_ROLE</td><td>counselor: the {@code role} claim (or an item of {@code roles})
 *       required</td></tr>
 *   <tr><td>BROADCAST_PORT</td><td>8083</td></tr>
 *   <tr><td>BROADCAST_CONFLATION_MS</td><td>250: at most one event per channel per interval</td></tr>
 *   <tr><td>BROADCAST_RETRY_MAX_MS</td><td>30000: longest back-off between delivery attempts</td></tr>
 *   <tr><td>BROADCAST_PUSHER_TIMEOUT_MS</td><td>5000: one HTTP call to Pusher</td></tr>
 *   <tr><td>BROADCAST_PUBLIC_WS_HOST, BROADCAST_PUBLIC_WS_PORT</td><td>where browsers reach the
 *       self-hosted server, for the demo page (default: PUSHER_HOST, PUSHER_PORT)</td></tr>
 *   <tr><td>BROADCAST_ALLOWED_ORIGINS</td><td>*: CORS origins allowed to call /broadcasting/auth and
 *       /api/dashboard/current (bearer tokens, no cookies)</td></tr>
 * </table>
 */
public record BroadcastConfig(
        String bootstrapServers,
        String appId,
        String appKey,
        String appSecret,
        PusherTarget target,
        String baseChannel,
        byte[] jwtSecret,
        String jwtRole,
        int port,
        Duration conflation,
        Duration retryMax,
        Duration pusherTimeout,
        List<String> allowedOrigins,
        String publicWsHost,
        int publicWsPort,
        Map<String, String> printable) {

    /** Event name the dashboard listens for ({@code .DashboardUpdated} in Echo). */
    public static final String EVENT = "DashboardUpdated";

    /** The base channel unless {@code BROADCAST_CHANNEL} says otherwise. */
    public static final String DEFAULT_CHANNEL = "private-cache-dashboard";

    private static final Pattern CHANNEL = Pattern.compile("[-a-zA-Z0-9_=@,.;]{1,140}");

    public static BroadcastConfig load(Function<String, String> lookup) {
        EnvReader env = new EnvReader("broadcast-service", lookup);
        String servers = env.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String appId = env.string("PUSHER_APP_ID", "app-id");
        String appKey = env.string("PUSHER_APP_KEY", "app-key");
        String secret = env.secret("PUSHER_APP_SECRET", "app-secret");
        String cluster = env.optional("PUSHER_APP_CLUSTER", "");
        String host = env.optional("PUSHER_HOST", "127.0.0.1");
        int pusherPort = env.integer("PUSHER_PORT", 6001, 1, 65535);
        String scheme = env.optional("PUSHER_SCHEME", "http");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            env.problem("PUSHER_SCHEME must be http or https (was '" + scheme + "')");
        }
        String channel = env.optional("BROADCAST_CHANNEL", DEFAULT_CHANNEL);
        if (!CHANNEL.matcher(channel).matches()) {
            env.problem("BROADCAST_CHANNEL must be 1-140 characters of [-a-zA-Z0-9_=@,.;]");
        }
        if (channel.startsWith("presence-")) {
            env.problem("BROADCAST_CHANNEL must be a public or private- channel, not presence-");
        }
        String jwt = env.secret("DASHBOARD_JWT_SECRET", "local-jwt-secret");
        if (env.profile() == Profile.PRODUCTION && jwt != null && jwt.getBytes(StandardCharsets.UTF_8).length < 32) {
            env.problem("DASHBOARD_JWT_SECRET must be at least 32 bytes in production (RFC 7518 for HS256)");
        }
        String role = env.optional("DASHBOARD_JWT_ROLE", "counselor");
        int port = env.integer("BROADCAST_PORT", 8083, 1, 65535);
        Duration conflation = env.millis("BROADCAST_CONFLATION_MS", Duration.ofMillis(250),
                Duration.ofMillis(10), Duration.ofMinutes(1));
        Duration retryMax = env.millis("BROADCAST_RETRY_MAX_MS", Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofMinutes(10));
        Duration timeout = env.millis("BROADCAST_PUSHER_TIMEOUT_MS", Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMinutes(1));
        List<String> origins = EnvReader.splitList(env.optional("BROADCAST_ALLOWED_ORIGINS", "*"));
        String publicHost = env.optional("BROADCAST_PUBLIC_WS_HOST", host);
        int publicPort = env.integer("BROADCAST_PUBLIC_WS_PORT", pusherPort, 1, 65535);
        Map<String, String> printable = env.finish();
        PusherTarget target = new PusherTarget(cluster == null || cluster.isBlank() ? null : cluster.trim(),
                host, pusherPort, scheme);
        return new BroadcastConfig(servers, appId, appKey, secret, target, channel,
                jwt.getBytes(StandardCharsets.UTF_8), role, port, conflation, retryMax, timeout, origins, publicHost, publicPort, printable);
    }

    /** The channel a range's updates go to: the base channel for {@code this_week}, {@code base.range} for each. */
    public List<String> channelsFor(StatsRange range) {
        String own = baseChannel + "." + range.wire();
        return range == StatsRange.DEFAULT ? List.of(baseChannel, own) : List.of(own);
    }

    /**
     * True when the base channel is a cache channel ({@code cache-}, {@code private-cache-}): the
     * server replays the last event on subscription and asks for it with a {@code cache_miss} webhook
     * when it has none, so no periodic call is needed to keep new subscribers current.
     */
    public boolean cacheChannels() {
        return baseChannel.startsWith("cache-") || baseChannel.startsWith("private-cache-");
    }

    /** True for the channels this service broadcasts on (the only ones its auth endpoint signs). */
    public boolean isOurChannel(String channel) {
        if (channel.equals(baseChannel)) {
            return true;
        }
        if (!channel.startsWith(baseChannel + ".")) {
            return false;
        }
        String range = channel.substring(baseChannel.length() + 1);
        return Arrays.stream(StatsRange.values()).anyMatch(r -> r.wire().equals(range));
    }

    @Override
    public String toString() {
        return "BroadcastConfig" + printable;
    }
}
