package io.sentisphere.pipeline.broadcast.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.broadcast.config.BroadcastConfig;
import io.sentisphere.pipeline.broadcast.lease.PublisherLease;
import io.sentisphere.pipeline.broadcast.stats.LatestStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stats updates into {@code DashboardUpdated} events: routes each range to its channels,
 * encodes once (shrinking over 10 KB) and hands the state to the {@link Conflator}, waking the
 * {@link DeliveryLoop}.
 *
 * <p>Guarantees: never blocks (so a Pusher outage never slows consumption); per channel at most one
 * event per conflation interval, the first of a burst at once and the last always delivered; while
 * deliveries fail only the newest state per channel is kept.
 *
 * <p>Nothing is sent periodically: Pusher bills every REST call, queries included. Dashboards that
 * subscribe later get the last state from the cache channel's replay; when the server has none (its
 * cache expired after 30 minutes of silence, or channels-server restarted), it sends a {@code
 * cache_miss} webhook and {@link #resend} publishes the channel's latest state again, read from
 * {@link LatestStats}, the one place the latest state is kept.
 *
 * <p>With several instances only the one holding the publisher lease publishes updates
 * ({@link #granted}/{@link #revoked}); the others keep their latest stats current and serve reads.
 * A cache miss is answered by whichever instance receives the webhook: it is a reply, not a
 * duplicate.
 */
public final class Publisher implements PublisherLease.Holder {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final BroadcastConfig config;
    private final Conflator<String> conflator;
    private final Runnable wake;
    private final LatestStats latest;
    private final Counter shrunk;
    private final Counter resent;
    private volatile boolean publishing;

    /**
     * @param wake called after a state was handed to the conflator (the delivery loop's {@code wake})
     */
    public Publisher(
            BroadcastConfig config,
            Conflator<String> conflator,
            Runnable wake,
            LatestStats latest,
            MeterRegistry registry) {
        this.config = config;
        this.conflator = conflator;
        this.wake = wake;
        this.latest = latest;
        this.shrunk = registry.counter("broadcast.payloads.shrunk");
        this.resent = registry.counter("broadcast.events.resent");
        registry.gauge("broadcast.publisher.active", this, p -> p.publishing ? 1 : 0);
    }

    /**
     * This instance publishes from now on: the latest state of every range goes out at once (the
     * previous publisher may have died with states not yet delivered). When the stats feed has not
     * caught up yet, it hands over every range once it has.
     */
    @Override
    public void granted() {
        publishing = true;
        if (latest.caughtUp()) {
            latest.all().forEach(this::offer);
        }
    }

    /** Another instance publishes from now on: states not yet sent are dropped. */
    @Override
    public void revoked() {
        publishing = false;
        int dropped = conflator.clear();
        if (dropped > 0) {
            log.info("{} channel state(s) not yet sent left to the new publisher", dropped);
        }
    }

    /** Whether this instance holds the publisher lease. */
    public boolean publishing() {
        return publishing;
    }

    /** Queues the newest state of a range for its channels, while this instance publishes. Never blocks. */
    public void offer(StatsUpdate update) {
        if (!publishing) {
            return;
        }
        String data = encode(update);
        for (String channel : config.channelsFor(update.range())) {
            conflator.offer(channel, data);
        }
        wake.run();
    }

    /**
     * Publishes the latest state of {@code channel} again, e.g. because the server reported a cache
     * miss on it. Returns false (and sends nothing) when it is not one of this service's channels or
     * no state of its range is known yet. Never blocks; conflated like any other state.
     */
    public boolean resend(String channel) {
        Optional<StatsRange> range = config.rangeOf(channel);
        if (range.isEmpty() || !(latest.current(range.get()) instanceof LatestStats.Current.Known known)) {
            return false;
        }
        resent.increment();
        conflator.offer(channel, encode(known.update()));
        wake.run();
        return true;
    }

    private String encode(StatsUpdate update) {
        DashboardPayload.Encoded encoded = DashboardPayload.encode(update);
        if (encoded.shrunk()) {
            shrunk.increment();
            log.info(
                    "stats of {} shrunk to {} bytes to fit Pusher's 10 KB limit",
                    update.range().wire(),
                    encoded.bytes());
        }
        return encoded.json();
    }
}
