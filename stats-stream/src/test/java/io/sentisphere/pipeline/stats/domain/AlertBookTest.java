package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
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

    @Test
    void answersEqualThoseOfEveryAlertSortedAfterManyRandomChanges() {
        // A model that keeps every alert whole and sorts on each question, against the book's
        // incremental index: new alerts, updates, late updates, a moved creation time, forgetting.
        Map<Long, AlertState> model = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 20_000; step++) {
            long id = random.nextInt(100);
            AlertState known = model.get(id);
            OffsetDateTime createdAt = known != null && random.nextInt(10) > 0
                    ? known.createdAt()
                    : START.plusMinutes(random.nextInt(60 * 24 * 400) - 60 * 24 * 200L);
            AlertState next = alert(
                    id,
                    random.nextBoolean() ? AlertSeverity.HIGH : AlertSeverity.LOW,
                    random.nextInt(4) == 0 ? AlertStatus.RESOLVED : AlertStatus.OPEN,
                    createdAt,
                    START.plusSeconds(random.nextInt(100_000)));
            boolean newer = known == null || !next.version().isBefore(known.version());
            assertThat(book.apply(next)).as("step %d", step).isEqualTo(newer);
            if (newer) {
                model.put(id, next);
                store.put(id, next);
            }
            if (step % 37 == 0) {
                for (int limit : new int[] {AlertBook.NEWEST_KEPT, 1 + random.nextInt(AlertBook.NEWEST_KEPT + 8)}) {
                    assertThat(book.newest(limit))
                            .as("newest %d at step %d", limit, step)
                            .extracting(AlertState::alertId)
                            .containsExactlyElementsOf(newestIds(model, limit));
                }
                assertThat(book.summary().highRiskByDay()).as("step %d", step).isEqualTo(highRiskByDay(model));
            }
            if (step % 1_999 == 0) {
                LocalDate oldest = START.toLocalDate().plusDays(random.nextInt(300) - 200);
                int keep = random.nextInt(8);
                List<Long> kept = newestIds(model, keep);
                List<Long> expected = model.values().stream()
                        .filter(a -> a.createdAt()
                                .atZoneSameInstant(MANILA)
                                .toLocalDate()
                                .isBefore(oldest))
                        .map(AlertState::alertId)
                        .filter(a -> !kept.contains(a))
                        .toList();

                assertThat(book.removeCreatedBefore(oldest, keep))
                        .as("forgotten at step %d", step)
                        .containsExactlyInAnyOrderElementsOf(expected);
                expected.forEach(model::remove);
            }
        }
    }

    private static List<Long> newestIds(Map<Long, AlertState> model, int limit) {
        return model.values().stream()
                .sorted(Comparator.comparing((AlertState a) -> a.createdAt().toInstant())
                        .thenComparingLong(AlertState::alertId)
                        .reversed())
                .limit(limit)
                .map(AlertState::alertId)
                .toList();
    }

    private static Map<LocalDate, Long> highRiskByDay(Map<Long, AlertState> model) {
        return model.values().stream()
                .filter(AlertState::isHighRisk)
                .collect(Collectors.groupingBy(
                        a -> a.createdAt().atZoneSameInstant(MANILA).toLocalDate(), Collectors.counting()));
    }
}
