package io.sentisphere.pipeline.broadcast.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stats updates into {@code DashboardUpdated} events: routes each range to its channels,
 * encodes (shrinking over 10 KB), conflates per channel ({@link Conflator}) and delivers on its own
 * thread, up to ten channels per {@code batch_events} call.
 *
 * <p>Guarantees: {@link #offer} never blocks (so a Pusher outage never slows consumption); per
 * channel at most one event per conflation interval, the first of a burst at once and the last
 * always delivered; failed deliveries (network, 5xx, 429, 401/403) are retried with exponential
 * back-off and full jitter, capped at {@code BROADCAST_RETRY_MAX_MS}, and only the newest state per
 * channel is kept meanwhile. A call Pusher refuses as malformed (400/413) is logged and dropped.
 *
 * <p>Nothing is sent periodically: Pusher bills every REST call, queries included. Dashboards
 * that subscribe later get the last state from the cache channel's replay; when the server has
 * none (its cache expired after 30 minutes of silence, or channels-server restarted), it sends a
 * {@code cache_miss} webhook and {@link #resend} publishes the channel's latest state again.
 * Logs name channels and statuses, never payloads (alerts carry student names).
 */
public final class Broadcaster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);
    private static final int MAX_BATCH = 10;
    private static final long FIRST_RETRY_MILLIS = 250;

    private final BroadcastConfig config;
    private final PusherGateway gateway;
    private final Clock clock;
    private final Conflator<String> conflator;
    private final Thread thread;
    private final Object wakeUp = new Object();
    private final Counter events;
    private final Counter calls;
    private final Counter shrunk;
    private final Counter refused;
    private final Counter resent;
    private final MeterRegistry registry;
    private volatile boolean running = true;
    private volatile Instant lastAnsweredAt;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;
    private volatile int consecutiveFailures;
    /** The latest data offered per channel, for re-sending on a cache miss. */
    private final Map<String, String> latest = new ConcurrentHashMap<>();

    public Broadcaster(BroadcastConfig config, PusherGateway gateway, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.gateway = gateway;
        this.clock = clock;
        this.registry = registry;
        this.conflator = new Conflator<>(config.conflation());
        this.events = registry.counter("broadcast.events.delivered");
        this.calls = registry.counter("broadcast.pusher.calls");
        this.shrunk = registry.counter("broadcast.payloads.shrunk");
        this.refused = registry.counter("broadcast.events.refused");
        this.resent = registry.counter("broadcast.events.resent");
        registry.gauge("broadcast.channels.undelivered", conflator, Conflator::undelivered);
        this.thread = new Thread(this::run, "pusher-delivery");
        thread.setDaemon(true);
    }

    public Broadcaster start() {
        thread.start();
        return this;
    }

    /** Queues the newest state of a range for its channels. Never blocks. */
    public void offer(StatsUpdate update) {
        DashboardPayload.Encoded encoded = DashboardPayload.encode(update);
        if (encoded.shrunk()) {
            shrunk.increment();
            log.info(
                    "stats of {} shrunk to {} bytes to fit Pusher's 10 KB limit",
                    update.range().wire(),
                    encoded.bytes());
        }
        for (String channel : config.channelsFor(update.range())) {
            latest.put(channel, encoded.json());
            conflator.offer(channel, encoded.json());
        }
        wake();
    }

    /**
     * Publishes the latest state of {@code channel} again, e.g. because the server reported a cache
     * miss on it. Returns false (and sends nothing) when no state for it has been offered yet. Never
     * blocks; conflated like any other state.
     */
    public boolean resend(String channel) {
        String data = latest.get(channel);
        if (data == null) {
            return false;
        }
        resent.increment();
        conflator.offer(channel, data);
        wake();
        return true;
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    public DeliveryState state() {
        return new DeliveryState(
                lastAnsweredAt, lastFailureAt, lastFailure, consecutiveFailures, conflator.undelivered());
    }

    private void run() {
        while (running) {
            try {
                deliverDue();
                awaitWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("delivery loop error (continuing)", e);
            }
        }
    }

    private void deliverDue() {
        List<Conflator.Dispatch<String>> due = new ArrayList<>(conflator.due(clock.millis()));
        for (int from = 0; from < due.size(); from += MAX_BATCH) {
            List<Conflator.Dispatch<String>> batch = due.subList(from, Math.min(due.size(), from + MAX_BATCH));
            PusherGateway.Sent sent = gateway.send(batch.stream()
                    .map(d -> new PusherGateway.Item(d.channel(), d.state()))
                    .toList());
            calls.increment();
            switch (sent.outcome()) {
                case DELIVERED -> {
                    batch.forEach(conflator::succeeded);
                    events.increment(batch.size());
                    answered();
                }
                case REFUSED -> {
                    batch.forEach(conflator::succeeded);
                    refused.increment(batch.size());
                    answered();
                    log.error(
                            "Pusher refused {} event(s) for {} with HTTP {}: dropped (a newer state will be sent)",
                            batch.size(),
                            channels(batch),
                            sent.httpStatus());
                }
                case RETRY -> retryLater(batch, sent);
            }
        }
    }

    private void retryLater(List<Conflator.Dispatch<String>> batch, PusherGateway.Sent sent) {
        long now = clock.millis();
        int failures = 0;
        long delay = 0;
        for (Conflator.Dispatch<String> dispatch : batch) {
            failures = conflator.failures(dispatch.channel()) + 1;
            delay = backoff(failures);
            conflator.failed(dispatch, now + delay);
        }
        consecutiveFailures++;
        lastFailureAt = clock.instant();
        lastFailure = sent.httpStatus() == null ? sent.message() : "HTTP " + sent.httpStatus();
        registry.counter(
                        "broadcast.pusher.failures",
                        "reason",
                        sent.httpStatus() == null ? "network" : String.valueOf(sent.httpStatus()))
                .increment();
        if (failures == 1 || failures % 20 == 0) {
            log.warn(
                    "delivery to Pusher failed ({}) for {}; attempt {}, retrying in {} ms (newest state kept; "
                            + "logged again every 20 attempts)",
                    lastFailure,
                    channels(batch),
                    failures,
                    delay);
        }
    }

    /** Exponential back-off with full jitter: uniform in [first, min(max, first·2^(n-1))]. */
    long backoff(int failures) {
        long ceiling = Math.min(config.retryMax().toMillis(), FIRST_RETRY_MILLIS << Math.min(failures - 1, 20));
        return FIRST_RETRY_MILLIS + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - FIRST_RETRY_MILLIS + 1));
    }

    private void answered() {
        lastAnsweredAt = clock.instant();
        consecutiveFailures = 0;
    }

    private void awaitWork() throws InterruptedException {
        synchronized (wakeUp) {
            OptionalLong next = conflator.nextDueAt();
            if (!running) {
                return;
            }
            if (next.isEmpty()) {
                wakeUp.wait();
            } else if (next.getAsLong() > clock.millis()) {
                wakeUp.wait(Math.max(1, next.getAsLong() - clock.millis()));
            }
        }
    }

    private static String channels(List<Conflator.Dispatch<String>> batch) {
        List<String> names = new ArrayList<>();
        batch.forEach(d -> names.add(d.channel()));
        return String.join(",", names);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
