package io.sentisphere.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GapsTest {

    @Test
    void theLongestGapCountsTheEdgesOfTheWindowAndIgnoresTimesOutsideIt() {
        List<Long> times = List.of(5L, 100L, 130L, 400L, 990L);

        assertThat(Gaps.longest(times, 100, 1000)).isEqualTo(590);
        assertThat(Gaps.longest(times, 450, 1000)).as("only 990 inside").isEqualTo(540);
        assertThat(Gaps.longest(List.of(), 0, 70)).isEqualTo(70);
    }

    @Test
    void firstAfterIsMeasuredFromTheStart() {
        assertThat(Gaps.firstAfter(List.of(5L, 100L), 60)).isEqualTo(40);
        assertThat(Gaps.firstAfter(List.of(5L), 60)).isEqualTo(-1);
    }
}
