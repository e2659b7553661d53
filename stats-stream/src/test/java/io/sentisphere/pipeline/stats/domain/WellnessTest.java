package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import org.junit.jupiter.api.Test;

class WellnessTest {

    @Test
    void followsTheContractFormula() {
        // 0.4·87 + 0.3·50 + 0.3·(100 − 75) = 34.8 + 15 + 7.5 = 57.3
        assertThat(Wellness.score(MoodLevel.LOVED, EnergyLevel.MODERATE, StressLevel.HIGH_STRESS))
                .isCloseTo(57.3, within(1e-9));
        assertThat(Wellness.score(MoodLevel.AWESOME, EnergyLevel.HIGH, StressLevel.NO_STRESS))
                .isCloseTo(100, within(1e-9));
        assertThat(Wellness.score(MoodLevel.TERRIBLE, EnergyLevel.LOW, StressLevel.VERY_HIGH_STRESS))
                .isCloseTo(0, within(1e-9));
    }
}
