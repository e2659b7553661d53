package io.sentisphere.pipeline.channels.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
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
 */
public final class ChannelsMetrics {

    private final MeterRegistry registry;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter apiEvents;
    private final Timer fanOut;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    public ChannelsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messagesIn = registry.counter("channels.messages.in");
        this.messagesOut = registry.counter("channels.messages.out");
        this.apiEvents = registry.counter("channels.api.events");
        this.fanOut = Timer.builder("channels.fanout")
                .description("time to queue one event for every subscriber of a channel")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** For tests of the hub that do not look at meters. */
    public static ChannelsMetrics noop() {
        return new ChannelsMetrics(new SimpleMeterRegistry());
    }

    public void gauges(Supplier<Number> connections, Supplier<Number> subscriptions) {
        registry.gauge("channels.connections", List.of(), connections, s -> s.get().doubleValue());
        registry.gauge("channels.subscriptions", List.of(), subscriptions, s -> s.get().doubleValue());
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
        rejections.computeIfAbsent(reason, r -> registry.counter("channels.rejections", "reason", r)).increment();
    }

    public double rejections(String reason) {
        Counter counter = rejections.get(reason);
        return counter == null ? 0 : counter.count();
    }
}
