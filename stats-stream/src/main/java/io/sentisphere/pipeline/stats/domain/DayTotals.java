package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything counted on one local day: check-ins with their breakdown and wellness sum, and
 * sentiments. (Appointment students are distinct across a range, so they live in
 * {@link AppointmentIndex}, not per day.) Mutable; owned by one stream task.
 */
public final class DayTotals {

    public long checkins;
    public double wellnessSum;
    public Map<String, Long> mood = new TreeMap<>();
    public Map<String, Long> energy = new TreeMap<>();
    public Map<String, Long> stress = new TreeMap<>();
    public long positive;
    public long neutral;
    public long negative;

    public void addCheckin(CheckinCreated checkin) {
        checkins++;
        wellnessSum += Wellness.score(checkin.moodLevel(), checkin.energyLevel(), checkin.stressLevel());
        mood.merge(checkin.moodLevel().wire(), 1L, Long::sum);
        energy.merge(checkin.energyLevel().wire(), 1L, Long::sum);
        stress.merge(checkin.stressLevel().wire(), 1L, Long::sum);
    }

    public void addSentiment(Sentiment sentiment) {
        switch (sentiment) {
            case POSITIVE -> positive++;
            case NEUTRAL -> neutral++;
            case NEGATIVE, STRONGLY_NEGATIVE -> negative++;
        }
    }
}
