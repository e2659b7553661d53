package io.sentisphere.pipeline.broadcast.config;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.service.config.ConfigDef;
import io.sentisphere.pipeline.service.config.ConfigDef.Setting;
import io.sentisphere.pipeline.service.config.EnvReader;
import io.sentisphere.pipeline.service.config.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * broadcast-service's whole configuration, read from environment variables once at start-up. Each
 * variable is declared once, in {@link #SETTINGS}; broadcast-service's README table is generated
 * from it.
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
        Duration conflation,
        Duration retryMax,
        Duration pusherTimeout,
        List<String> allowedOrigins,
        String publicWsHost,
        int publicWsPort,
        String publisherGroup,
        Duration sessionTimeout,
        Map<String, String> printable) {

    /** Event name the dashboard listens for ({@code .DashboardUpdated} in Echo). */
    public static final String EVENT = "DashboardUpdated";

    /** The base channel unless {@code BROADCAST_CHANNEL} says otherwise. */
    public static final String DEFAULT_CHANNEL = "private-cache-dashboard";

    private static final Pattern CHANNEL = Pattern.compile("[-a-zA-Z0-9_=@,.;]{1,140}");

    /** Every variable broadcast-service reads. */
    public static final ConfigDef SETTINGS = new ConfigDef("broadcast-service");

    static final Setting<String> BOOTSTRAP_SERVERS =
            SETTINGS.required("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "Kafka brokers, `host:port,…`");
    static final Setting<String> APP_ID = SETTINGS.required("PUSHER_APP_ID", "app-id", "the Pusher app id");
    static final Setting<String> APP_KEY = SETTINGS.required("PUSHER_APP_KEY", "app-key", "the Pusher app key");
    static final Setting<String> APP_SECRET =
            SETTINGS.secret("PUSHER_APP_SECRET", "app-secret", "the Pusher app secret");
    static final Setting<String> CLUSTER = SETTINGS.optional(
            "PUSHER_APP_CLUSTER",
            "",
            "set: Pusher itself over TLS in that cluster (e.g. `ap1`), and the three `PUSHER_HOST…` are ignored");
    static final Setting<String> HOST =
            SETTINGS.optional("PUSHER_HOST", "127.0.0.1", "a self-hosted Pusher-protocol server");
    static final Setting<Integer> PUSHER_PORT = SETTINGS.integer("PUSHER_PORT", 6001, 1, 65535, "its HTTP port");
    static final Setting<String> SCHEME = SETTINGS.optional("PUSHER_SCHEME", "http", "`http` or `https`");
    static final Setting<String> CHANNEL_NAME = SETTINGS.optional(
            "BROADCAST_CHANNEL",
            DEFAULT_CHANNEL,
            "the base channel; a cache channel, so the server replays the last event to new subscribers "
                    + "(legacy names: `private-dashboard`, `dashboard`)");
    static final Setting<String> JWT_SECRET = SETTINGS.secret(
            "DASHBOARD_JWT_SECRET",
            "local-jwt-secret",
            "HS256 secret of the counselors' tokens; at least 32 bytes in production");
    static final Setting<String> JWT_ROLE = SETTINGS.optional(
            "DASHBOARD_JWT_ROLE", "counselor", "the `role` claim (or an item of `roles`) a token needs");
    static final Setting<Integer> PORT = SETTINGS.integer("BROADCAST_PORT", 8083, 1, 65535, "HTTP port");
    static final Setting<Duration> CONFLATION = SETTINGS.millis(
            "BROADCAST_CONFLATION_MS",
            Duration.ofMillis(100),
            Duration.ofMillis(10),
            Duration.ofMinutes(1),
            "at most one event per channel per interval; shorter is fresher under load and costs Pusher"
                    + " messages only in bursts faster than one per interval (bench/RESULTS.md)");
    static final Setting<Duration> RETRY_MAX = SETTINGS.millis(
            "BROADCAST_RETRY_MAX_MS",
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            Duration.ofMinutes(10),
            "longest back-off between delivery attempts");
    static final Setting<Duration> PUSHER_TIMEOUT = SETTINGS.millis(
            "BROADCAST_PUSHER_TIMEOUT_MS",
            Duration.ofSeconds(5),
            Duration.ofMillis(100),
            Duration.ofMinutes(1),
            "one HTTP call to Pusher");
    static final Setting<String> ALLOWED_ORIGINS = SETTINGS.optional(
            "BROADCAST_ALLOWED_ORIGINS",
            "*",
            "CORS origin patterns allowed to call auth and current stats, comma-separated (bearer tokens, no cookies)");
    static final Setting<String> PUBLIC_WS_HOST = SETTINGS.optional(
            "BROADCAST_PUBLIC_WS_HOST",
            "",
            "unset: `PUSHER_HOST`. Where browsers reach the self-hosted server (the dashboard page)");
    static final Setting<String> PUBLIC_WS_PORT =
            SETTINGS.optional("BROADCAST_PUBLIC_WS_PORT", "", "unset: `PUSHER_PORT`. Its port as browsers see it");

    static final Setting<String> PUBLISHER_GROUP = SETTINGS.optional(
            "BROADCAST_PUBLISHER_GROUP",
            "broadcast-service-publisher",
            "the consumer group whose one member publishes to Pusher; every instance of one deployment "
                    + "uses the same (the others serve auth and current stats, and take over when it dies)");
    // The broker accepts 6-300 s by default (group.min/max.session.timeout.ms).
    static final Setting<Duration> SESSION_TIMEOUT = SETTINGS.millis(
            "BROADCAST_SESSION_TIMEOUT_MS",
            Duration.ofSeconds(6),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            "how long a silent publisher keeps the role before another instance takes over (a clean "
                    + "shutdown hands it over at once). Under 6 s only if the brokers' "
                    + "`group.min.session.timeout.ms` allows it");

    public static BroadcastConfig load(Function<String, String> lookup) {
        ConfigDef.Values values = SETTINGS.read(lookup);
        String host = values.get(HOST);
        int pusherPort = values.get(PUSHER_PORT);
        String scheme = values.get(SCHEME);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            values.problem("PUSHER_SCHEME must be http or https (was '" + scheme + "')");
        }
        String channel = values.get(CHANNEL_NAME);
        if (!CHANNEL.matcher(channel).matches()) {
            values.problem("BROADCAST_CHANNEL must be 1-140 characters of [-a-zA-Z0-9_=@,.;]");
        }
        if (channel.startsWith("presence-")) {
            values.problem("BROADCAST_CHANNEL must be a public or private- channel, not presence-");
        }
        String jwt = values.get(JWT_SECRET);
        if (values.profile() == Profile.PRODUCTION && jwt != null && jwt.getBytes(StandardCharsets.UTF_8).length < 32) {
            values.problem("DASHBOARD_JWT_SECRET must be at least 32 bytes in production (RFC 7518 for HS256)");
        }
        List<String> origins = EnvReader.splitList(values.get(ALLOWED_ORIGINS));
        String publicHost = values.orElse(PUBLIC_WS_HOST, () -> host);
        String publicPortValue = values.orElse(PUBLIC_WS_PORT, () -> String.valueOf(pusherPort));
        int publicPort = pusherPort;
        try {
            publicPort = Integer.parseInt(publicPortValue.trim());
            if (publicPort < 1 || publicPort > 65535) {
                values.problem("BROADCAST_PUBLIC_WS_PORT must be between 1 and 65535 (was " + publicPort + ")");
            }
        } catch (NumberFormatException e) {
            values.problem("BROADCAST_PUBLIC_WS_PORT must be an integer (was '" + publicPortValue + "')");
        }
        Map<String, String> printable = values.finish();
        String cluster = values.optional(CLUSTER).map(String::trim).orElse(null);
        PusherTarget target = new PusherTarget(cluster, host, pusherPort, scheme);
        return new BroadcastConfig(
                values.get(BOOTSTRAP_SERVERS),
                values.get(APP_ID),
                values.get(APP_KEY),
                values.get(APP_SECRET),
                target,
                channel,
                jwt.getBytes(StandardCharsets.UTF_8),
                values.get(JWT_ROLE),
                values.get(CONFLATION),
                values.get(RETRY_MAX),
                values.get(PUSHER_TIMEOUT),
                origins,
                publicHost,
                publicPort,
                values.get(PUBLISHER_GROUP),
                values.get(SESSION_TIMEOUT),
                printable);
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
        return rangeOf(channel).isPresent();
    }

    /**
     * The range whose updates {@code channel} carries ({@code this_week} for the base channel);
     * empty for a channel this service does not broadcast on. The inverse of {@link #channelsFor}.
     */
    public Optional<StatsRange> rangeOf(String channel) {
        if (channel.equals(baseChannel)) {
            return Optional.of(StatsRange.DEFAULT);
        }
        if (!channel.startsWith(baseChannel + ".")) {
            return Optional.empty();
        }
        String range = channel.substring(baseChannel.length() + 1);
        return Arrays.stream(StatsRange.values())
                .filter(r -> r.wire().equals(range))
                .findFirst();
    }

    @Override
    public String toString() {
        return "BroadcastConfig" + printable;
    }
}
