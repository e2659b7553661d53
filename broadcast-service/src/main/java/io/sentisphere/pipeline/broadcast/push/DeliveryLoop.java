package io.sentisphere.pipeline.broadcast.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery thread: takes what the {@link Conflator} says is due, sends it through the
 * {@link PusherGateway} up to ten channels per call ({@code batch_events}), and hands each outcome
 * back: delivered or refused (400/413: logged and dropped, a newer state will follow) ends the
 * dispatch; a retryable failure (network, 5xx, 429, 401/403) puts it back with a {@link Backoff}
 * delay.
 *
 * <p>Guarantees: it waits without a timeout while nothing is pending (nothing is sent
 * periodically: Pusher bills every call); {@link #wake} never blocks. Logs name channels and
 * statuses, never payloads (alerts carry student names).
 */
public final class DeliveryLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final int MAX_BATCH = 10;

    private final Conflator<String> conflator;
    private final PusherGateway gateway;
    private final Clock clock;
    private final Backoff backoff;
    private final DeliveryStatus status = new DeliveryStatus();
    private final Thread thread;
    private final Object wakeUp = new Object();
    private final MeterRegistry registry;
    private final Counter events;
    private final Counter calls;
    private final Counter refused;
    private volatile boolean running = true;

    public DeliveryLoop(
            Conflator<String> conflator,
            PusherGateway gateway,
            Duration retryMax,
            Clock clock,
            MeterRegistry registry) {
        this.conflator = conflator;
        this.gateway = gateway;
        this.clock = clock;
        this.backoff = new Backoff(retryMax);
        this.registry = registry;
        this.events = registry.counter("broadcast.events.delivered");
        this.calls = registry.counter("broadcast.pusher.calls");
        this.refused = registry.counter("broadcast.events.refused");
        registry.gauge("broadcast.channels.undelivered", conflator, Conflator::undelivered);
        this.thread = new Thread(this::run, "pusher-delivery");
        thread.setDaemon(true);
    }

    public DeliveryLoop start() {
        thread.start();
        return this;
    }

    /** Tells the thread new work may be due. Never blocks. */
    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Pusher's answers so far and how many channels hold a state not yet delivered. */
    public DeliveryState state() {
        return status.snapshot(conflator.undelivered());
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
                    status.answered(clock.instant());
                }
                case REFUSED -> {
                    batch.forEach(conflator::succeeded);
                    refused.increment(batch.size());
                    status.answered(clock.instant());
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
            delay = backoff.delayMillis(failures);
            conflator.failed(dispatch, now + delay);
        }
        String failure = sent.httpStatus() == null ? sent.message() : "HTTP " + sent.httpStatus();
        status.failed(clock.instant(), failure);
        registry.counter(
                        "broadcast.pusher.failures",
                        "reason",
                        sent.httpStatus() == null ? "network" : String.valueOf(sent.httpStatus()))
                .increment();
        if (failures == 1 || failures % 20 == 0) {
            log.warn(
                    "delivery to Pusher failed ({}) for {}; attempt {}, retrying in {} ms (newest state kept; "
                            + "logged again every 20 attempts)",
                    failure,
                    channels(batch),
                    failures,
                    delay);
        }
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
        wake();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
