package io.sentisphere.pipeline.broadcast.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import io.sentisphere.pipeline.broadcast.push.Publisher;
import io.sentisphere.pipeline.broadcast.push.PusherHttpGateway;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pusher webhooks ({@code POST /pusher/webhooks}): on a {@code cache_miss} for one of this
 * service's channels, the channel's latest state is published again, so a dashboard that
 * subscribes to a cache channel the server holds nothing for (its 30-minute cache expired, or
 * channels-server restarted) has the current state within one round trip. Configure the URL in
 * Pusher's dashboard (webhook type "Cache miss") or as channels-server's
 * {@code CHANNELS_WEBHOOK_URL}.
 *
 * <p>Only bodies signed with the app secret are acted on ({@code X-Pusher-Key},
 * {@code X-Pusher-Signature}, checked by pusher-http-java); anything else is 401 and changes
 * nothing. Other webhook types are acknowledged and ignored.
 *
 * <pre>body='{"time_ms":1,"events":[{"name":"cache_miss","channel":"private-cache-dashboard"}]}'
 * curl -H "X-Pusher-Key: app-key" -H "Content-Type: application/json" \
 *   -H "X-Pusher-Signature: $(printf %s "$body" | openssl dgst -sha256 -hmac app-secret | cut -d' ' -f2)" \
 *   -d "$body" http://127.0.0.1:8083/pusher/webhooks</pre>
 */
@RestController
public class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BroadcastConfig config;
    private final PusherHttpGateway pusher;
    private final Publisher publisher;
    private final MeterRegistry registry;

    public WebhookController(
            BroadcastConfig config, PusherHttpGateway pusher, Publisher publisher, MeterRegistry registry) {
        this.config = config;
        this.pusher = pusher;
        this.publisher = publisher;
        this.registry = registry;
    }

    @PostMapping(path = "/pusher/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> webhook(
            @RequestHeader(value = "X-Pusher-Key", required = false) String key,
            @RequestHeader(value = "X-Pusher-Signature", required = false) String signature,
            @RequestBody(required = false) String body) {
        if (!pusher.isValidWebhook(key, signature, body)) {
            registry.counter("broadcast.webhooks", "outcome", "invalid_signature")
                    .increment();
            throw DashboardErrors.refused(
                    DashboardErrors.Code.INVALID_WEBHOOK_SIGNATURE,
                    "X-Pusher-Key and X-Pusher-Signature must sign the body with this app's key and secret");
        }
        JsonNode events;
        try {
            events = JSON.readTree(body).path("events");
        } catch (JacksonException e) {
            registry.counter("broadcast.webhooks", "outcome", "invalid_json").increment();
            throw DashboardErrors.refused(DashboardErrors.Code.INVALID_JSON, "webhook body is not valid JSON");
        }
        if (!events.isArray()) {
            registry.counter("broadcast.webhooks", "outcome", "invalid_json").increment();
            throw DashboardErrors.refused(DashboardErrors.Code.INVALID_WEBHOOK, "events must be an array");
        }
        registry.counter("broadcast.webhooks", "outcome", "accepted").increment();
        for (JsonNode event : events) {
            String channel = event.path("channel").asString("");
            if ("cache_miss".equals(event.path("name").asString("")) && config.isOurChannel(channel)) {
                boolean resent = publisher.resend(channel);
                log.info("cache miss on {}: {}", channel, resent ? "re-sending its latest state" : "no state yet");
            }
        }
        return Map.of();
    }
}
