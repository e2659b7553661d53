package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.events.WireEnum;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * Everything counted on one local day: check-ins with their breakdown and wellness sum, and
 * sentiments. (Appointment students are distinct across a range, so they live in
 * {@link AppointmentIndex}, not per day.) Mutable; owned by one stream task.
 */
public final class DayTotals {

    /**
     * The labels each breakdown keeps in its array, by index: the levels' labels in declaration
     * order, so a level's ordinal is its index. The store's format writes them in this order.
     */
    public static final List<String> MOOD_LABELS = WireEnum.labels(MoodLevel.class);

    public static final List<String> ENERGY_LABELS = WireEnum.labels(EnergyLevel.class);
    public static final List<String> STRESS_LABELS = WireEnum.labels(StressLevel.class);

    private static final Labels MOOD = Labels.of(MOOD_LABELS);
    private static final Labels ENERGY = Labels.of(ENERGY_LABELS);
    private static final Labels STRESS = Labels.of(STRESS_LABELS);

    public long checkins;
    public double wellnessSum;
    public final Counts mood = new Counts(MOOD);
    public final Counts energy = new Counts(ENERGY);
    public final Counts stress = new Counts(STRESS);
    public long positive;
    public long neutral;
    public long negative;

    public void addCheckin(CheckinCreated checkin) {
        checkins++;
        wellnessSum += Wellness.score(checkin.moodLevel(), checkin.energyLevel(), checkin.stressLevel());
        mood.increment(checkin.moodLevel().ordinal());
        energy.increment(checkin.energyLevel().ordinal());
        stress.increment(checkin.stressLevel().ordinal());
    }

    public void addSentiment(Sentiment sentiment) {
        switch (sentiment) {
            case POSITIVE -> positive++;
            case NEUTRAL -> neutral++;
            case NEGATIVE, STRONGLY_NEGATIVE -> negative++;
        }
    }

    /**
     * Counts per label of one breakdown: the levels this release knows in an array by their
     * declaration order, so a check-in increments three {@code long}s and boxes nothing; any other
     * label (read from a store written by a release with other levels) in a sorted map. A label
     * with no count is absent.
     */
    public static final class Counts {

        private final Labels labels;
        private final long[] known;
        private final Map<String, Long> other = new TreeMap<>();

        private Counts(Labels labels) {
            this.labels = labels;
            this.known = new long[labels.names().size()];
        }

        /** One more for the known label at {@code index} (its level's ordinal). */
        void increment(int index) {
            known[index]++;
        }

        /** Adds {@code count} to {@code label}'s, known or not. */
        public void add(String label, long count) {
            if (count == 0) {
                return;
            }
            Integer index = labels.indexes().get(label);
            if (index != null) {
                known[index] += count;
            } else {
                other.merge(label, count, Long::sum);
            }
        }

        /** The count of the known label at {@code index} (see {@link #MOOD_LABELS}). */
        public long known(int index) {
            return known[index];
        }

        /** The counts of labels this release does not know; sorted by label. Do not modify. */
        public Map<String, Long> other() {
            return other;
        }

        /** How many labels have a count. */
        public int size() {
            int size = other.size();
            for (long count : known) {
                if (count != 0) {
                    size++;
                }
            }
            return size;
        }

        /** Each label with a count: the known ones in declaration order, then the others by label. */
        public void forEach(ObjLongConsumer<String> action) {
            for (int i = 0; i < known.length; i++) {
                if (known[i] != 0) {
                    action.accept(labels.names().get(i), known[i]);
                }
            }
            other.forEach(action::accept);
        }

        /** Every label with a count, in {@link #forEach} order. */
        public Map<String, Long> asMap() {
            Map<String, Long> counts = new LinkedHashMap<>();
            forEach(counts::put);
            return counts;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Counts that && Arrays.equals(known, that.known) && other.equals(that.other);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(known) + other.hashCode();
        }

        @Override
        public String toString() {
            return asMap().toString();
        }
    }

    /** A breakdown's labels by index, and the reverse. */
    private record Labels(List<String> names, Map<String, Integer> indexes) {

        static Labels of(List<String> names) {
            Map<String, Integer> indexes = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                indexes.put(names.get(i), i);
            }
            return new Labels(names, Map.copyOf(indexes));
        }
    }
}
