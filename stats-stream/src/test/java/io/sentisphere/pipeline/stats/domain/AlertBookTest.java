package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private static final ZoneId MANILA = ZoneId.of("Asia/Manila");
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-11-01T09:00:00+08:00");

    /** Stands in for the state store: the book's only way to the details it no longer holds. */
    private final Map<Long, AlertState> store = new HashMap<>();

    private final List<Long> storeReads = new ArrayList<>();
    private final AlertBook book = new AlertBook(MANILA, id -> {
        storeReads.add(id);
        return store.get(id);
    });

    private void apply(AlertState alert) {
        if (book.apply(alert)) {
            store.put(alert.alertId(), alert);
        }
    }

    private static AlertState alert(
            long id, AlertSeverity severity, AlertStatus status, OffsetDateTime createdAt, OffsetDateTime version) {
        return new AlertState(id, "Student " + id, severity, status, "reason " + id, createdAt, version);
    }

    @Test
    void theNewestAlertsComeWholeEvenWhenTheirDetailsMustBeReadBack() {
        // the five newest alerts are created first, then 200 older ones change after them
        for (long id = 1000; id < 1005; id++) {
            apply(alert(
                    id, AlertSeverity.HIGH, AlertStatus.OPEN, START.plusDays(10).plusMinutes(id), START));
        }
        for (long id = 0; id < 200; id++) {
            apply(alert(id, AlertSeverity.LOW, AlertStatus.OPEN, START.plusMinutes(id), START));
        }

        List<AlertState> newest = book.newest(5);

        assertThat(newest).extracting(AlertState::alertId).containsExactly(1004L, 1003L, 1002L, 1001L, 1000L);
        assertThat(newest)
                .extracting(AlertState::name)
                .containsExactly("Student 1004", "Student 1003", "Student 1002", "Student 1001", "Student 1000");
        assertThat(storeReads).as("not kept at hand after 200 later changes").isNotEmpty();
    }

    @Test
    void anOlderUpdateArrivingLateChangesNothingAndResolvingLowersTheDayCount() {
        LocalDate day = START.toLocalDate();
        apply(alert(1, AlertSeverity.HIGH, AlertStatus.OPEN, START, START));
        assertThat(book.summary().highRiskByDay()).containsEntry(day, 1L);

        assertThat(book.apply(alert(1, AlertSeverity.HIGH, AlertStatus.RESOLVED, START, START.plusHours(2))))
                .isTrue();
        assertThat(book.apply(alert(1, AlertSeverity.HIGH, AlertStatus.OPEN, START, START.plusHours(1))))
                .isFalse();

        assertThat(book.summary().highRiskByDay()).doesNotContainKey(day);
    }

    @Test
    void forgettingOldAlertsKeepsTheNewestOnes() {
        for (long id = 0; id < 10; id++) {
            apply(alert(
                    id,
                    AlertSeverity.HIGH,
                    AlertStatus.OPEN,
                    START.minusDays(300).plusMinutes(id),
                    START));
        }

        List<Long> forgotten = book.removeCreatedBefore(START.toLocalDate(), 5);

        assertThat(forgotten).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        assertThat(book.newest(10)).extracting(AlertState::alertId).containsExactly(9L, 8L, 7L, 6L, 5L);
    }
}
