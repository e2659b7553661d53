package io.sentisphere.pipeline.broadcast.http;

import io.sentisphere.pipeline.broadcast.auth.JwtVerifier;
import io.sentisphere.pipeline.broadcast.auth.Verdict;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import io.sentisphere.pipeline.broadcast.push.PusherHttpGateway;
import io.sentisphere.pipeline.broadcast.stats.LatestStats;
import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's HTTP side: Pusher channel auth ({@code POST /broadcasting/auth}, the endpoint
 * Laravel Echo calls), the current stats ({@code GET /api/dashboard/current?range=}) and the demo
 * page's settings. Both data endpoints need {@code Authorization: Bearer <JWT>} with the
 * configured role; auth signs only the channels this service broadcasts on. Current stats answer
 * {@code 503 not_ready} with {@code Retry-After} until the stats feed has caught up
 * ({@link LatestStats}), never a state from the topic's history.
 *
 * <pre>curl -H "Authorization: Bearer $TOKEN" 'http://127.0.0.1:8083/api/dashboard/current?range=today'</pre>
 */
@RestController
public class DashboardController {

    private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

    private final BroadcastConfig config;
    private final JwtVerifier jwt;
    private final PusherHttpGateway pusher;
    private final LatestStats latest;

    public DashboardController(BroadcastConfig config, JwtVerifier jwt, PusherHttpGateway pusher, LatestStats latest) {
        this.config = config;
        this.jwt = jwt;
        this.pusher = pusher;
        this.latest = latest;
    }

    /** pusher-js and Echo post a form. */
    @PostMapping(
            path = "/broadcasting/auth",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public String authForm(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam("socket_id") String socketId,
            @RequestParam("channel_name") String channel) {
        return authorize(authorization, socketId, channel);
    }

    /** Other clients may post JSON. */
    @PostMapping(
            path = "/broadcasting/auth",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public String authJson(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Map<String, Object> body) {
        return authorize(
                authorization, String.valueOf(body.get("socket_id")), String.valueOf(body.get("channel_name")));
    }

    /** The contract's snake_case JSON (ContractJson), as on the topic and in Pusher events. */
    @GetMapping(path = "/api/dashboard/current", produces = MediaType.APPLICATION_JSON_VALUE)
    public String current(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(value = "range", required = false) String rangeName) {
        requireCounselor(authorization);
        StatsRange range = rangeName == null
                ? StatsRange.DEFAULT
                : StatsRange.parse(rangeName)
                        .orElseThrow(() -> DashboardErrors.refused(
                                DashboardErrors.Code.UNKNOWN_RANGE,
                                "range must be one of " + StatsRange.acceptedNames()));
        LatestStats.Current current = latest.current(range);
        if (current instanceof LatestStats.Current.Loading) {
            throw DashboardErrors.refused(
                    DashboardErrors.Code.NOT_READY, "still reading " + Topics.STATS + " up to its end; retry shortly");
        }
        if (!(current instanceof LatestStats.Current.Known known)) {
            throw DashboardErrors.refused(DashboardErrors.Code.NOT_READY, "no stats for " + range.wire() + " yet");
        }
        DashboardStats stats = known.update().stats();
        return ContractJson.mapper().writeValueAsString(stats);
    }

    /** What the demo page needs to connect (public values only). */
    @GetMapping(path = "/dashboard-config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> pageConfig() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", config.appKey());
        body.put("channel", config.baseChannel());
        if (config.target().isCluster()) {
            body.put("cluster", config.target().cluster());
        } else {
            body.put("wsHost", config.publicWsHost());
            body.put("wsPort", config.publicWsPort());
            body.put("forceTLS", "https".equals(config.target().scheme()));
        }
        return ResponseEntity.ok(body);
    }

    private String authorize(String authorization, String socketId, String channel) {
        requireCounselor(authorization);
        if (!SOCKET_ID.matcher(socketId).matches()) {
            throw DashboardErrors.refused(DashboardErrors.Code.INVALID_SOCKET_ID, "socket_id must be digits.digits");
        }
        if (!channel.startsWith("private-") || !config.isOurChannel(channel)) {
            throw DashboardErrors.refused(
                    DashboardErrors.Code.CHANNEL_NOT_ALLOWED,
                    "only " + config.baseChannel() + " and its range channels are signed here");
        }
        return pusher.authenticate(socketId, channel);
    }

    private void requireCounselor(String authorization) {
        Verdict verdict = jwt.check(authorization);
        if (verdict instanceof Verdict.Unauthenticated u) {
            throw DashboardErrors.refused(DashboardErrors.Code.UNAUTHENTICATED, u.reason());
        }
        if (verdict instanceof Verdict.Forbidden f) {
            throw DashboardErrors.refused(DashboardErrors.Code.FORBIDDEN, f.reason());
        }
    }
}
