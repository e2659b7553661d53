package io.sentisphere.pipeline.broadcast.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

    final DeliveryStatus status = new DeliveryStatus();
    final Instant t0 = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void failuresCountUntilPusherAnswersAndTheLastFailureStaysVisible() {
        status.failed(t0, "HTTP 503");
        status.failed(t0.plusSeconds(1), "connect timed out");

        assertThat(status.snapshot(2)).isEqualTo(new DeliveryState(null, t0.plusSeconds(1), "connect timed out", 2, 2));

        status.answered(t0.plusSeconds(2));

        assertThat(status.snapshot(0))
                .isEqualTo(new DeliveryState(t0.plusSeconds(2), t0.plusSeconds(1), "connect timed out", 0, 0));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws InterruptedException {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    status.failed(t0, "HTTP 503");
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(status.snapshot(0).consecutiveFailures()).isEqualTo(40_000);
    }
}
