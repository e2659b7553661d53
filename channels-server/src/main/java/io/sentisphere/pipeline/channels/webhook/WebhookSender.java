package io.sentisphere.pipeline.channels.webhook;

import io.sentisphere.pipeline.channels.hub.Frames;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics.Billable;
import io.sentisphere.pipeline.channels.protocol.Hmac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pusher's {@code cache_miss} webhook: when a subscriber finds a cache channel empty, POSTs
 * {@code {"time_ms":…,"events":[{"name":"cache_miss","channel":…}]}} to the configured URL, signed
 * as Pusher signs webhooks ({@code X-Pusher-Key}, {@code X-Pusher-Signature}: HMAC-SHA256 of the
 * body under the app secret, hex), so the app can publish the channel's state again.
 *
 * <p>Guarantees and bounds: {@link #cacheMiss} never blocks. At most one webhook per channel is
 * in flight (subscribers that miss meanwhile will see the publish it causes), and at most
 * {@code maxPending} channels wait at once; beyond that a miss is counted
 * ({@code channels.rejections{reason="webhook_backlog"}}) and dropped. A call that fails (network,
 * timeout, non-2xx) is tried three times in all, 0.5 s then 1 s apart; each call made counts as a
 * billable {@code webhook} message. Logs name the channel and status, never data.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Optional<URI> url;
    private final String appKey;
    private final String appSecret;
    private final int maxPending;
    private final ChannelsMetrics metrics;
    private final Clock clock;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-retries");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** @param url where to send; none: every miss is ignored */
    public WebhookSender(
            Optional<URI> url, String appKey, String appSecret, int maxPending, ChannelsMetrics metrics, Clock clock) {
        this.url = url;
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.maxPending = maxPending;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Queues a {@code cache_miss} webhook for {@code channel} unless one is already in flight. */
    public void cacheMiss(String channel) {
        if (url.isEmpty() || pending.contains(channel)) {
            return;
        }
        if (pending.size() >= maxPending) {
            metrics.rejected("webhook_backlog");
            return;
        }
        if (pending.add(channel)) {
            send(channel, 1);
        }
    }

    /** The webhook body for one cache miss. */
    String body(String channel) {
        ObjectNode body = Frames.json().createObjectNode().put("time_ms", clock.millis());
        body.putArray("events").addObject().put("name", "cache_miss").put("channel", channel);
        return Frames.json().writeValueAsString(body);
    }

    private void send(String channel, int attempt) {
        String body = body(channel);
        HttpRequest request = HttpRequest.newBuilder(url.orElseThrow())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Pusher-Key", appKey)
                .header("X-Pusher-Signature", Hmac.sha256Hex(appSecret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        metrics.billable(Billable.WEBHOOK, 1);
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                pending.remove(channel);
                return;
            }
            String why = error == null
                    ? "HTTP " + response.statusCode()
                    : error.getClass().getSimpleName();
            if (attempt < ATTEMPTS) {
                long delay = 500L << (attempt - 1);
                log.warn(
                        "cache_miss webhook for {} failed ({}); attempt {} of {}, retrying in {} ms",
                        channel,
                        why,
                        attempt,
                        ATTEMPTS,
                        delay);
                retries.schedule(() -> send(channel, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } else {
                pending.remove(channel);
                metrics.rejected("webhook_failed");
                log.error(
                        "cache_miss webhook for {} failed {} times ({}); given up until the next miss",
                        channel,
                        ATTEMPTS,
                        why);
            }
        });
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
