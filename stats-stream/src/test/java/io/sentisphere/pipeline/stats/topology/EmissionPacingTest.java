package io.sentisphere.pipeline.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Emissions at most once per interval, on a leading edge; after one that asked for a commit, not
 * before the thread has been back from that commit for a quarter interval.
 */
class EmissionPacingTest {

    final AtomicLong commits = new AtomicLong(5);
    final EmissionPacing pacing = new EmissionPacing(Duration.ofMillis(100), commits::get);

    @Test
    void theFirstEmissionIsDueAtOnce() {
        assertThat(pacing.due(0)).isTrue();
    }

    @Test
    void emissionsAreAnIntervalApart() {
        pacing.emitted(1_000);

        assertThat(pacing.due(1_099)).isFalse();
        assertThat(pacing.due(1_100)).isTrue();
    }

    @Test
    void aFastCommitChangesNothing() {
        pacing.emitted(1_000);
        pacing.commitRequested();
        commits.incrementAndGet(); // the commit ran from 1,000 to 1,010

        assertThat(pacing.due(1_010)).isFalse();
        assertThat(pacing.due(1_100)).as("an interval after the emission").isTrue();
    }

    @Test
    void aCommitAsLongAsTheIntervalIsFollowedByAQuarterIntervalWithoutEmission() {
        pacing.emitted(1_000);
        pacing.commitRequested();
        assertThat(pacing.due(1_001))
                .as("the rest of the batch, before the commit")
                .isFalse();
        commits.incrementAndGet(); // the commit ran from 1,001 to 1,130

        assertThat(pacing.due(1_130)).as("the first event after the commit").isFalse();
        assertThat(pacing.due(1_154)).isFalse();
        assertThat(pacing.due(1_155)).as("a quarter interval after the commit").isTrue();
    }

    @Test
    void commitsTheEmissionDidNotAskForDoNotDelayIt() {
        pacing.emitted(1_000);
        commits.incrementAndGet(); // the commit interval's commit, 1,060 to 1,090
        assertThat(pacing.due(1_090)).isFalse();

        assertThat(pacing.due(1_100)).isTrue();
    }

    @Test
    void withoutACommitCountOnlyTheIntervalApplies() {
        EmissionPacing unknown = new EmissionPacing(Duration.ofMillis(100), () -> 0L);
        unknown.emitted(1_000);
        unknown.commitRequested();

        assertThat(unknown.due(1_130)).isTrue();
    }
}
