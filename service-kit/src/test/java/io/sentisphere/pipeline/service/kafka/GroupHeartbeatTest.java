package io.sentisphere.pipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupHeartbeatTest {

    @Test
    void aThirtiethOfTheSessionAndNeverUnder100Ms() {
        assertThat(GroupHeartbeat.intervalMillis(Duration.ofSeconds(6))).isEqualTo(200);
        assertThat(GroupHeartbeat.intervalMillis(Duration.ofSeconds(45))).isEqualTo(1_500);
        assertThat(GroupHeartbeat.intervalMillis(Duration.ofSeconds(1))).isEqualTo(100);
    }
}
