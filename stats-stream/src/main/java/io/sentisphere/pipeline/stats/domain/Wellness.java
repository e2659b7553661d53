package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;

/**
 * The wellness index of CONTRACTS: per check-in {@code 0.4·mood + 0.3·energy + 0.3·(100 − stress)},
 * averaged over the range's check-ins.
 */
public final class Wellness {

    private Wellness() {}

    public static double score(MoodLevel mood, EnergyLevel energy, StressLevel stress) {
        return 0.4 * mood(mood) + 0.3 * energy(energy) + 0.3 * (100 - stress(stress));
    }

    static int mood(MoodLevel mood) {
        return switch (mood) {
            case TERRIBLE -> 0;
            case BAD -> 12;
            case UPSET -> 25;
            case ANXIOUS -> 37;
            case MEH -> 50;
            case OKAY -> 62;
            case GREAT -> 75;
            case LOVED -> 87;
            case AWESOME -> 100;
        };
    }

    static int energy(EnergyLevel energy) {
        return switch (energy) {
            case LOW -> 0;
            case MODERATE -> 50;
            case HIGH -> 100;
        };
    }

    static int stress(StressLevel stress) {
        return switch (stress) {
            case NO_STRESS -> 0;
            case LOW_STRESS -> 25;
            case MODERATE -> 50;
            case HIGH_STRESS -> 75;
            case VERY_HIGH_STRESS -> 100;
        };
    }
}
