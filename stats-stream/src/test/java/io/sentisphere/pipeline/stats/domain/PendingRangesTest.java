package io.sentisphere.pipeline.stats.domain;

import static io.sentisphere.pipeline.contracts.stats.StatsRange.THIS_WEEK;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingRangesTest {

    final PendingRanges pending = new PendingRanges();

    static DashboardState.Effect changed(String reason, StatsRange... ranges) {
        return new DashboardState.Effect(EnumSet.of(ranges[0], ranges), reason, false, false);
    }

    @Test
    void theLatestReasonWinsAndARefreshStaysForced() {
        pending.record(new DashboardState.Effect(Set.of(TODAY), "manual", true, false));
        pending.record(changed("checkin.created", TODAY, THIS_WEEK));

        var drained = pending.drain();

        assertThat(drained.get(TODAY)).isEqualTo(new PendingRanges.Pending("checkin.created", true));
        assertThat(drained.get(THIS_WEEK)).isEqualTo(new PendingRanges.Pending("checkin.created", false));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void markAllMarksEveryRange() {
        pending.markAll("rollover");

        assertThat(pending.ranges()).isEqualTo(EnumSet.allOf(StatsRange.class));
    }
}
