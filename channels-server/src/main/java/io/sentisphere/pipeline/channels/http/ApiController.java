package io.sentisphere.pipeline.channels.http;

import io.sentisphere.pipeline.channels.config.ChannelsConfig;
import io.sentisphere.pipeline.channels.hub.ChannelHub;
import io.sentisphere.pipeline.channels.hub.Frames;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics.Billable;
import io.sentisphere.pipeline.channels.protocol.ChannelName;
import io.sentisphere.pipeline.service.error.ServiceException;
import io.sentisphere.pipeline.service.http.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Pusher's HTTP API: {@code POST /apps/{id}/events}, {@code /batch_events}, {@code GET
 * /apps/{id}/channels}, {@code /channels/{name}}, {@code /channels/{name}/users}. Every request is
 * signature-checked ({@link RequestSigning}) before anything else; a batch is validated whole
 * before any of it is published, so a refused request publishes nothing.
 */
@RestController
public class ApiController {

    private static final Logger log = LoggerFactory.getLogger(ApiController.class);
    /** Ten 10 KB events plus names and up to 100 channels each. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final ChannelsConfig config;
    private final ChannelHub hub;
    private final RequestSigning signing;
    private final ChannelsMetrics metrics;

    public ApiController(ChannelsConfig config, ChannelHub hub, RequestSigning signing, ChannelsMetrics metrics) {
        this.config = config;
        this.hub = hub;
        this.signing = signing;
        this.metrics = metrics;
    }

    @PostMapping("/apps/{appId}/events")
    public Map<String, Object> events(
            @PathVariable String appId, @RequestParam Map<String, String> query, HttpServletRequest request)
            throws IOException {
        JsonNode body = authenticated(appId, query, request);
        ApiEvent event = ApiEvent.parse(body);
        Map<String, Object> channels = new LinkedHashMap<>();
        metrics.billable(Billable.API_CALL, event.channels().size());
        for (ChannelName channel : event.channels()) {
            hub.publish(channel, event.name(), event.data(), event.socketId());
            if (!event.info().isEmpty()) {
                channels.put(channel.value(), info(channel.value(), event.info()));
            }
        }
        metrics.apiEvents(1);
        return event.info().isEmpty() ? Map.of() : Map.of("channels", channels);
    }

    @PostMapping("/apps/{appId}/batch_events")
    public Map<String, Object> batchEvents(
            @PathVariable String appId, @RequestParam Map<String, String> query, HttpServletRequest request)
            throws IOException {
        JsonNode body = authenticated(appId, query, request);
        JsonNode batch = body.path("batch");
        if (!batch.isArray() || batch.isEmpty()) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.INVALID_BATCH, "batch must be a non-empty array"));
        }
        if (batch.size() > ChannelsConfig.MAX_BATCH_EVENTS) {
            throw new ServiceException(ApiErrors.error(
                    ApiErrors.Code.BATCH_TOO_LARGE,
                    "at most " + ChannelsConfig.MAX_BATCH_EVENTS + " events per batch (got " + batch.size() + ")"));
        }
        List<ApiEvent> events = new ArrayList<>();
        batch.forEach(item -> events.add(ApiEvent.parse(item)));
        boolean anyInfo = events.stream().anyMatch(e -> !e.info().isEmpty());
        List<Object> infos = new ArrayList<>();
        for (ApiEvent event : events) {
            metrics.billable(Billable.API_CALL, event.channels().size());
            for (ChannelName channel : event.channels()) {
                hub.publish(channel, event.name(), event.data(), event.socketId());
            }
            infos.add(
                    event.info().isEmpty()
                            ? Map.of()
                            : info(event.channels().get(0).value(), event.info()));
        }
        metrics.apiEvents(events.size());
        return anyInfo ? Map.of("batch", infos) : Map.of();
    }

    @GetMapping("/apps/{appId}/channels")
    public Map<String, Object> channels(
            @PathVariable String appId, @RequestParam Map<String, String> query, HttpServletRequest request)
            throws IOException {
        authenticated(appId, query, request);
        metrics.query();
        String prefix = query.get("filter_by_prefix");
        List<String> info =
                query.containsKey("info") ? List.of(query.get("info").split(",")) : List.of();
        if (info.contains("user_count") && (prefix == null || !prefix.startsWith("presence-"))) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.INVALID_INFO, "info=user_count needs filter_by_prefix=presence-"));
        }
        Map<String, Object> channels = new LinkedHashMap<>();
        hub.occupied(prefix)
                .forEach((name, state) -> channels.put(
                        name, info.contains("user_count") ? Map.of("user_count", state.userCount()) : Map.of()));
        return Map.of("channels", channels);
    }

    @GetMapping("/apps/{appId}/channels/{channelName}")
    public Map<String, Object> channel(
            @PathVariable String appId,
            @PathVariable String channelName,
            @RequestParam Map<String, String> query,
            HttpServletRequest request)
            throws IOException {
        authenticated(appId, query, request);
        metrics.query();
        ChannelName channel = ChannelName.parse(channelName)
                .orElseThrow(() ->
                        new ServiceException(ApiErrors.error(ApiErrors.Code.INVALID_CHANNEL, "invalid channel name")));
        List<String> info =
                query.containsKey("info") ? List.of(query.get("info").split(",")) : List.of();
        if (info.contains("user_count") && !channel.isPresence()) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.INVALID_INFO, "user_count is only for presence channels"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        ChannelHub.ChannelInfo state = hub.info(channel.value());
        body.put("occupied", state.occupied());
        body.putAll(info(channel.value(), info));
        return body;
    }

    @GetMapping("/apps/{appId}/channels/{channelName}/users")
    public Map<String, Object> users(
            @PathVariable String appId,
            @PathVariable String channelName,
            @RequestParam Map<String, String> query,
            HttpServletRequest request)
            throws IOException {
        authenticated(appId, query, request);
        metrics.query();
        ChannelName channel = ChannelName.parse(channelName)
                .filter(ChannelName::isPresence)
                .orElseThrow(() -> new ServiceException(
                        ApiErrors.error(ApiErrors.Code.NOT_PRESENCE, "users are only listed for presence channels")));
        return Map.of(
                "users",
                hub.users(channel.value()).stream().map(id -> Map.of("id", id)).toList());
    }

    @ExceptionHandler(ServiceException.class)
    ResponseEntity<Object> refused(ServiceException e) {
        metrics.rejected("api_" + e.error().codeName());
        log.info(
                "HTTP API request refused: {} ({})",
                e.error().codeName(),
                e.error().message());
        return ErrorResponses.of(e.error());
    }

    private Map<String, Object> info(String channel, List<String> fields) {
        ChannelHub.ChannelInfo state = hub.info(channel);
        Map<String, Object> info = new LinkedHashMap<>();
        if (fields.contains("subscription_count")) {
            info.put("subscription_count", state.subscriptionCount());
        }
        if (fields.contains("user_count") && channel.startsWith("presence-")) {
            info.put("user_count", state.userCount());
        }
        return info;
    }

    /** Checks app id, size and signature; returns the parsed body (an empty object for GETs). */
    private JsonNode authenticated(String appId, Map<String, String> query, HttpServletRequest request)
            throws IOException {
        if (!config.appId().equals(appId)) {
            throw new ServiceException(ApiErrors.error(ApiErrors.Code.UNKNOWN_APP, "unknown app id"));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ServiceException(
                    ApiErrors.error(ApiErrors.Code.BODY_TOO_LARGE, "request body over " + MAX_BODY_BYTES + " bytes"));
        }
        signing.check(request.getMethod(), request.getRequestURI(), query, body).ifPresent(error -> {
            throw new ServiceException(error);
        });
        if (body.length == 0) {
            return Frames.json().createObjectNode();
        }
        try {
            return Frames.json().readTree(body);
        } catch (JacksonException e) {
            throw new ServiceException(ApiErrors.error(ApiErrors.Code.INVALID_JSON, "body is not valid JSON"));
        }
    }
}
