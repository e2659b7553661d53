package io.sentisphere.pipeline.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.stats.domain.AlertState;
import io.sentisphere.pipeline.stats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the stats processor asks Kafka Streams to commit: with every emission of a live stream, so
 * read_committed readers see stats at once instead of at the next commit interval (which an idle
 * stream thread reaches only after its poll times out); while catching up (more than {@value
 * StatsProcessor#CATCH_UP_EVENTS_PER_EMISSION} events between emissions), never: the commit
 * interval paces commits then. After a commit as long as the interval, the next emission waits
 * until the thread has processed for a quarter interval.
 */
class StatsProcessorCommitTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Manila");
    static final Duration EMIT = Duration.ofMillis(100);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    final MockProcessorContext<String, StatsUpdate> context = new MockProcessorContext<>();
    /** The stream thread's commit count, moved by the tests where a commit runs. */
    final AtomicLong commits = new AtomicLong();

    final StatsProcessor processor = new StatsProcessor(ZONE, clock, EMIT, metrics -> commits::get);
    int sequence;

    @BeforeEach
    void init() {
        store(StatsTopology.DAYS, Serdes.String(), new DayTotalsSerde());
        store(StatsTopology.ALERTS, Serdes.Long(), JsonSerde.of(AlertState.class));
        store(StatsTopology.STUDENTS, Serdes.Long(), Serdes.Long());
        store(StatsTopology.EMITTED, Serdes.String(), JsonSerde.of(StatsUpdate.class));
        store(StatsTopology.META, Serdes.String(), Serdes.String());
        store(StatsTopology.APPOINTMENTS, Serdes.String(), Serdes.Long());
        processor.init(context);
        processor.process(checkin()); // the start-up emission, with the first event
        clock.advance(EMIT.multipliedBy(2));
        context.resetForwards();
        context.resetCommit();
    }

    @Test
    void aCheckinAfterAQuietIntervalIsEmittedAndCommittedAtOnce() {
        processor.process(checkin());

        assertThat(context.forwarded()).isNotEmpty();
        assertThat(context.committed()).as("commit requested with the emission").isTrue();
    }

    @Test
    void aLiveStreamCommitsEachEmission() {
        anEmissionJustNow();

        clock.advance(EMIT);
        processor.process(checkin());
        assertThat(context.forwarded())
                .as("an interval after the last emission")
                .isNotEmpty();
        assertThat(context.committed()).as("committed with the emission").isTrue();

        context.resetForwards();
        context.resetCommit();
        processor.process(checkin());
        assertThat(context.forwarded()).as("held for the interval").isEmpty();
        assertThat(context.committed()).as("nothing emitted, nothing to commit").isFalse();
        clock.advance(EMIT);
        punctuate();
        assertThat(context.forwarded()).as("emitted at the interval's end").isNotEmpty();
        assertThat(context.committed()).as("committed with the emission").isTrue();
    }

    @Test
    void aCommitAsLongAsTheIntervalIsFollowedByAQuarterIntervalOfProcessingBeforeTheNextEmission() {
        anEmissionJustNow();
        clock.advance(EMIT.plusMillis(30)); // the commit it asked for blocks the thread this long
        commits.incrementAndGet();

        processor.process(checkin());
        assertThat(context.forwarded())
                .as("the first event after the commit waits: the thread drains what arrived meanwhile")
                .isEmpty();
        processor.process(checkin());
        assertThat(context.forwarded()).isEmpty();

        clock.advance(EMIT.dividedBy(4).minusMillis(1));
        punctuate();
        assertThat(context.forwarded()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        punctuate();
        assertThat(context.forwarded())
                .as("a quarter interval after the commit")
                .isNotEmpty();
        assertThat(context.committed()).isTrue();
    }

    @Test
    void aCatchUpLeavesCommitsToTheCommitIntervalUntilTheRateFalls() {
        anEmissionJustNow();

        for (int i = 0; i <= StatsProcessor.CATCH_UP_EVENTS_PER_EMISSION; i++) {
            processor.process(checkin());
        }
        clock.advance(EMIT);
        punctuate();
        assertThat(context.forwarded()).as("a catch-up is still emitted").isNotEmpty();
        assertThat(context.committed()).as("but not committed per emission").isFalse();

        context.resetForwards();
        for (int i = 0; i < StatsProcessor.CATCH_UP_EVENTS_PER_EMISSION; i++) {
            processor.process(checkin());
        }
        clock.advance(EMIT);
        punctuate();
        assertThat(context.forwarded()).isNotEmpty();
        assertThat(context.committed())
                .as(
                        "at most %d events since the last emission: live again",
                        StatsProcessor.CATCH_UP_EVENTS_PER_EMISSION)
                .isTrue();
    }

    @Test
    void eventsThatChangedNoRangeDoNotMakeTheNextEmissionACatchUp() {
        anEmissionJustNow();
        clock.advance(EMIT);
        punctuate(); // emits the pending day ranges; nothing is pending after it
        context.resetForwards();
        context.resetCommit();

        for (int i = 0; i <= StatsProcessor.CATCH_UP_EVENTS_PER_EMISSION; i++) {
            processor.process(checkinDaysAgo(400)); // a known student, beyond retention: no range
            clock.advance(EMIT);
            punctuate();
        }
        assertThat(context.forwarded()).as("nothing changed, nothing emitted").isEmpty();

        processor.process(checkin());
        assertThat(context.forwarded()).isNotEmpty();
        assertThat(context.committed())
                .as("a quiet spell of no-op events is not a catch-up")
                .isTrue();
    }

    @Test
    void aPunctuationWithNothingPendingRequestsNoCommit() {
        punctuate();

        assertThat(context.forwarded()).isEmpty();
        assertThat(context.committed()).isFalse();
    }

    /** A check-in after a quiet spell, emitted and committed; forwards and the commit flag reset. */
    private void anEmissionJustNow() {
        processor.process(checkin());
        context.resetForwards();
        context.resetCommit();
    }

    /** The emission check, as Kafka Streams runs it every quarter interval. */
    private void punctuate() {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(clock.millis());
    }

    private Record<String, EventEnvelope> checkin() {
        return checkinDaysAgo(0);
    }

    /** A check-in by the one student of these tests, {@code days} before now. */
    private Record<String, EventEnvelope> checkinDaysAgo(int days) {
        EventEnvelope event = new EventEnvelope(
                "e" + (++sequence),
                OffsetDateTime.ofInstant(clock.instant(), ZONE).minusDays(days),
                new CheckinCreated(sequence, 7L, MoodLevel.OKAY, EnergyLevel.HIGH, StressLevel.LOW_STRESS, null));
        return new Record<>(event.partitionKey(), event, clock.millis());
    }

    private <K, V> void store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
