package io.sentisphere.pipeline.broadcast.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflatorTest {

    final Conflator<String> conflator = new Conflator<>(Duration.ofMillis(250));

    static List<String> states(List<Conflator.Dispatch<String>> dispatches) {
        return dispatches.stream().map(Conflator.Dispatch::state).toList();
    }

    @Test
    void theFirstStateOfABurstIsDueAtOnce() {
        conflator.offer("a", "s1");

        assertThat(states(conflator.due(1_000))).containsExactly("s1");
    }

    @Test
    void aBurstBecomesTheFirstAndTheLastState() {
        conflator.offer("a", "s1");
        List<Conflator.Dispatch<String>> first = conflator.due(1_000);
        first.forEach(conflator::succeeded);
        for (int i = 2; i <= 100; i++) {
            conflator.offer("a", "s" + i);
            assertThat(conflator.due(1_000 + i))
                    .as("nothing before the interval")
                    .isEmpty();
        }

        assertThat(conflator.nextDueAt()).hasValue(1_250);
        assertThat(conflator.due(1_249)).isEmpty();
        assertThat(states(conflator.due(1_250))).containsExactly("s100");
    }

    @Test
    void neverTwoInFlightOnOneChannel() {
        conflator.offer("a", "s1");
        conflator.due(0);
        conflator.offer("a", "s2");

        assertThat(conflator.due(10_000)).as("s1 still in flight").isEmpty();
        assertThat(conflator.nextDueAt()).isEmpty();
        conflator.succeeded(new Conflator.Dispatch<>("a", "s1", 1));
        assertThat(states(conflator.due(10_000))).containsExactly("s2");
    }

    @Test
    void channelsAreIndependent() {
        conflator.offer("a", "a1");
        conflator.offer("b", "b1");
        conflator.due(0).forEach(conflator::succeeded);
        conflator.offer("a", "a2");

        assertThat(conflator.due(100)).isEmpty();
        conflator.offer("c", "c1");
        assertThat(states(conflator.due(100))).containsExactly("c1");
        assertThat(states(conflator.due(250))).containsExactly("a2");
    }

    @Test
    void aFailedStateIsPutBackAndRetriedAfterTheDelay() {
        conflator.offer("a", "s1");
        Conflator.Dispatch<String> dispatch = conflator.due(0).get(0);

        assertThat(conflator.failed(dispatch, 5_000)).isEqualTo(1);

        assertThat(conflator.due(4_999)).isEmpty();
        Conflator.Dispatch<String> retry = conflator.due(5_000).get(0);
        assertThat(retry.state()).isEqualTo("s1");
        assertThat(conflator.failed(retry, 6_000)).isEqualTo(2);
        conflator.succeeded(conflator.due(6_000).get(0));
        assertThat(conflator.failures("a")).isZero();
        assertThat(conflator.undelivered()).isZero();
    }

    @Test
    void aNewerStateWinsOverAFailedOne() {
        conflator.offer("a", "s1");
        Conflator.Dispatch<String> dispatch = conflator.due(0).get(0);
        conflator.offer("a", "s2");

        conflator.failed(dispatch, 1_000);

        assertThat(states(conflator.due(1_000))).containsExactly("s2");
    }

    @Test
    void clearedStatesAreNeitherSentNorPutBackOnFailure() {
        conflator.offer("a", "a1");
        Conflator.Dispatch<String> inFlight = conflator.due(0).get(0);
        conflator.offer("b", "b1");

        assertThat(conflator.clear()).as("pending states dropped").isEqualTo(1);
        conflator.failed(inFlight, 1_000);

        assertThat(conflator.due(10_000)).isEmpty();
        assertThat(conflator.undelivered()).isZero();
        conflator.offer("a", "a2");
        assertThat(states(conflator.due(10_000))).containsExactly("a2");
    }
}
