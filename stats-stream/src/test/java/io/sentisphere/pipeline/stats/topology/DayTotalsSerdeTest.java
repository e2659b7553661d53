package io.sentisphere.pipeline.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.stats.domain.DayTotals;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DayTotalsSerdeTest {

    private final DayTotalsSerde serde = new DayTotalsSerde();

    @Test
    void everyCountSurvivesTheBinaryFormat() {
        DayTotals totals = sample();

        byte[] bytes = serde.serializer().serialize("t", totals);

        assertThat(bytes[0]).isEqualTo(DayTotalsSerde.BINARY);
        assertSameCounts(serde.deserializer().deserialize("t", bytes), totals);
    }

    @Test
    void theLayoutIsWhatDataOutputStreamWritesWhateverTheLabels() throws IOException {
        DayTotals totals = sample();
        totals.mood.put("Überglücklich ✓", 5L);
        totals.mood.put("nul\u0000label", 6L);
        totals.mood.put(MoodLevel.AWESOME.wire(), 7L); // known labels are copied, not encoded
        totals.energy.put(EnergyLevel.MODERATE.wire(), 8L);
        totals.stress.put(StressLevel.VERY_HIGH_STRESS.wire(), 9L);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeByte(DayTotalsSerde.BINARY);
            out.writeLong(totals.checkins);
            out.writeDouble(totals.wellnessSum);
            out.writeLong(totals.positive);
            out.writeLong(totals.neutral);
            out.writeLong(totals.negative);
            for (Map<String, Long> counts : List.of(totals.mood, totals.energy, totals.stress)) {
                out.writeShort(counts.size());
                for (Map.Entry<String, Long> count : counts.entrySet()) {
                    out.writeUTF(count.getKey());
                    out.writeLong(count.getValue());
                }
            }
        }

        byte[] bytes = serde.serializer().serialize("t", totals);

        assertThat(bytes).isEqualTo(expected.toByteArray());
        assertSameCounts(serde.deserializer().deserialize("t", bytes), totals);
    }

    @Test
    void valuesWrittenAsJsonByEarlierReleasesAreStillRead() {
        DayTotals totals = sample();
        byte[] legacy = ContractJson.mapper().writeValueAsBytes(totals);

        assertSameCounts(serde.deserializer().deserialize("t", legacy), totals);
    }

    @Test
    void anythingElseIsASerializationError() {
        byte[] binary = serde.serializer().serialize("t", sample());

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(binary, binary.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(binary, binary.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing");
    }

    private static void assertSameCounts(DayTotals actual, DayTotals expected) {
        assertThat(actual.checkins).isEqualTo(expected.checkins);
        assertThat(actual.wellnessSum).isEqualTo(expected.wellnessSum);
        assertThat(actual.mood).isEqualTo(expected.mood);
        assertThat(actual.energy).isEqualTo(expected.energy);
        assertThat(actual.stress).isEqualTo(expected.stress);
        assertThat(List.of(actual.positive, actual.neutral, actual.negative))
                .containsExactly(expected.positive, expected.neutral, expected.negative);
    }

    private static DayTotals sample() {
        DayTotals totals = new DayTotals();
        totals.checkins = 1_234_567_890_123L;
        totals.wellnessSum = 4321.75;
        totals.mood.put("great", 3L);
        totals.mood.put("meh", 1L);
        totals.energy.put("high", 4L);
        totals.stress.put("very high stress", 2L);
        totals.positive = 7;
        totals.neutral = 8;
        totals.negative = 9;
        return totals;
    }
}
