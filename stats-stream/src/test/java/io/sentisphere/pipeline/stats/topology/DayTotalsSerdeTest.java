package io.sentisphere.pipeline.stats.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
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
        totals.mood.add("Überglücklich ✓", 5L);
        totals.mood.add("nul\u0000label", 6L);
        totals.mood.add(MoodLevel.AWESOME.wire(), 7L); // known labels are copied, not encoded
        totals.energy.add(EnergyLevel.MODERATE.wire(), 8L);
        totals.stress.add(StressLevel.VERY_HIGH_STRESS.wire(), 9L);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeByte(DayTotalsSerde.BINARY);
            out.writeLong(totals.checkins);
            out.writeDouble(totals.wellnessSum);
            out.writeLong(totals.positive);
            out.writeLong(totals.neutral);
            out.writeLong(totals.negative);
            for (DayTotals.Counts counts : List.of(totals.mood, totals.energy, totals.stress)) {
                Map<String, Long> labels = counts.asMap(); // known labels in declaration order, then others
                out.writeShort(labels.size());
                for (Map.Entry<String, Long> count : labels.entrySet()) {
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
        // As the first releases wrote a day (their DayTotals in the contract JSON mapping, with a
        // field since dropped).
        byte[] legacy = """
                {"checkins":1234567890123,"wellness_sum":4321.75,\
                "mood":{"Great":2,"great":3,"meh":1},"energy":{"high":4},"stress":{"very high stress":2},\
                "positive":7,"neutral":8,"negative":9,"appointment_users":[1,2]}\
                """.getBytes(StandardCharsets.UTF_8);

        assertSameCounts(serde.deserializer().deserialize("t", legacy), sample());
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
        totals.mood.add(MoodLevel.GREAT.wire(), 2L);
        totals.mood.add("great", 3L); // not a label this release knows: kept as it came
        totals.mood.add("meh", 1L);
        totals.energy.add("high", 4L);
        totals.stress.add("very high stress", 2L);
        totals.positive = 7;
        totals.neutral = 8;
        totals.negative = 9;
        return totals;
    }
}
