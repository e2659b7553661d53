package io.sentisphere.pipeline.channels.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * channels-server's meters: {@code channels.connections} and {@code channels.subscriptions}
 * (gauges), {@code channels.messages.in} / {@code .out} (frames received from and sent to
 * sockets), {@code channels.api.events} (events accepted by the HTTP API) and
 * {@code channels.fanout} (time to queue one event for every subscriber: the server's share of
 * fan-out latency), {@code channels.rejections{reason}} (every refusal: over capacity, slow consumer, bad auth,
 * rate limit, oversize, bad HTTP signature…).
 *
 * <p>{@code channels.billable.messages{kind}} counts what Pusher would bill for the same traffic,
 * by its published rule ("How is my message count calculated?"): {@code api_call} (each REST
 * call; a publish counts once per event and channel, a query once), {@code delivery} (each event
 * delivered to a subscriber, cache replays included), {@code member_event} (each presence
 * {@code member_added} / {@code member_removed} delivered), {@code client_event} (each client
 * event sent) and {@code webhook} (each webhook call made). Pings, pongs and subscription
 * messages are free. {@code channels.api.queries} counts the REST calls that publish nothing, the
 * part of {@code api_call} that is pure overhead for a broadcaster.
 */
public final class ChannelsMetrics {

    private final MeterRegistry registry;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter apiEvents;
    private final Timer fanOut;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Map<Billable, Counter> billable = new EnumMap<>(Billable.class);
    private final Counter queries;

    /** What Pusher bills as one message each. */
    public enum Billable {
        API_CALL,
        DELIVERY,
        MEMBER_EVENT,
        CLIENT_EVENT,
        WEBHOOK;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChannelsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messagesIn = registry.counter("channels.messages.in");
        this.messagesOut = registry.counter("channels.messages.out");
        this.apiEvents = registry.counter("channels.api.events");
        this.fanOut = Timer.builder("channels.fanout")
                .description("time to queue one event for every subscriber of a channel")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        for (Billable kind : Billable.values()) {
            billable.put(
                    kind,
                    Counter.builder("channels.billable.messages")
                            .tag("kind", kind.tag())
                            .description("messages Pusher would bill for this traffic")
                            .register(registry));
        }
        this.queries = registry.counter("channels.api.queries");
    }

    /** Counts {@code count} messages Pusher would bill as {@code kind}. */
    public void billable(Billable kind, int count) {
        if (count > 0) {
            billable.get(kind).increment(count);
        }
    }

    /** One REST call that publishes nothing (a channel query): billed, and overhead. */
    public void query() {
        queries.increment();
        billable(Billable.API_CALL, 1);
    }

    /** For tests of the hub that do not look at meters. */
    public static ChannelsMetrics noop() {
        return new ChannelsMetrics(new SimpleMeterRegistry());
    }

    public void gauges(Supplier<Number> connections, Supplier<Number> subscriptions) {
        registry.gauge(
                "channels.connections", List.of(), connections, s -> s.get().doubleValue());
        registry.gauge(
                "channels.subscriptions", List.of(), subscriptions, s -> s.get().doubleValue());
    }

    public void messageIn() {
        messagesIn.increment();
    }

    public void messagesOut(int count) {
        messagesOut.increment(count);
    }

    public void fanOut(long nanos) {
        fanOut.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void apiEvents(int count) {
        apiEvents.increment(count);
    }

    /** Counts one refusal; {@code reason} is a fixed code (never user input). */
    public void rejected(String reason) {
        rejections
                .computeIfAbsent(reason, r -> registry.counter("channels.rejections", "reason", r))
                .increment();
    }

    public double rejections(String reason) {
        Counter counter = rejections.get(reason);
        return counter == null ? 0 : counter.count();
    }
}
