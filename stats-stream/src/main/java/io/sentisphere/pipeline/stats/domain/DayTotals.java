package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import java.util.Map;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.Set;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Everything counted on one local day: check-ins with their breakdown and wellness sum, sentiments,
 * and the distinct students who downloaded the appointment form (kept as ids, so that a student
 * is counted once across a multi-day range). Mutable; owned by one stream task. Serialized
 * without the student ids, which live in their own store.
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
    /** Persisted separately, one store entry per (day, student), so a put never rewrites the whole set. */
    @JsonIgnore
    public Set<Long> appointmentUsers = new HashSet<>();

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

    /** @return whether the student was not yet counted on this day */
    public boolean addAppointment(long userId) {
        return appointmentUsers.add(userId);
    }
}
