package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.events.WireEnum;
import io.sentisphere.pipeline.stats.domain.DayTotals;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The day-totals store's value format: compact binary, because a check-in rewrites its day's totals
 * and Kafka Streams' record cache serializes on every put (as JSON this was ~12 % of catch-up).
 *
 * <p>Layout: a format byte {@value #BINARY}, then {@code checkins}, {@code wellnessSum},
 * {@code positive}, {@code neutral}, {@code negative}, and the mood, energy and stress counts (each
 * a size, then label and count pairs), big-endian as {@link DataOutputStream} writes them.
 *
 * <p>Values written by earlier releases are JSON; they start with {@code '{'} and are still read,
 * so a state directory or changelog from before this format restores unchanged (and is rewritten
 * in this format as days change). Anything else is a {@link SerializationException}.
 */
final class DayTotalsSerde implements Serde<DayTotals> {

    static final byte BINARY = 1;

    /** How earlier releases wrote the store: the contract JSON mapping. */
    private static final Deserializer<DayTotals> LEGACY_JSON =
            JsonSerde.of(DayTotals.class).deserializer();

    @Override
    public Serializer<DayTotals> serializer() {
        return (topic, totals) -> totals == null ? null : write(totals);
    }

    @Override
    public Deserializer<DayTotals> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /**
     * The labels a check-in can carry (every mood, energy and stress level), each already encoded as
     * {@link DataOutputStream#writeUTF} writes it. Immutable, so shared by every serializer.
     */
    private static final Map<String, byte[]> KNOWN_LABELS = knownLabels();

    /**
     * Writes the layout above into one exactly sized buffer: the same bytes {@link DataOutputStream}
     * would give, without its synchronized per-field writes. It runs once per check-in, so the known
     * labels are copied from {@link #KNOWN_LABELS} instead of encoded char by char; any other label
     * (a store written by a release with other levels) is encoded here.
     */
    static byte[] write(DayTotals totals) {
        int size = 1 + 5 * Long.BYTES + countsSize(totals.mood) + countsSize(totals.energy) + countsSize(totals.stress);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(BINARY)
                .putLong(totals.checkins)
                .putDouble(totals.wellnessSum)
                .putLong(totals.positive)
                .putLong(totals.neutral)
                .putLong(totals.negative);
        writeCounts(out, totals.mood);
        writeCounts(out, totals.energy);
        writeCounts(out, totals.stress);
        return out.array();
    }

    static DayTotals read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return LEGACY_JSON.deserialize(null, bytes);
        }
        if (bytes.length == 0 || bytes[0] != BINARY) {
            throw new SerializationException("not a valid DayTotals: unknown format "
                    + (bytes.length == 0 ? "(empty)" : String.valueOf(bytes[0])));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            DayTotals totals = new DayTotals();
            totals.checkins = in.readLong();
            totals.wellnessSum = in.readDouble();
            totals.positive = in.readLong();
            totals.neutral = in.readLong();
            totals.negative = in.readLong();
            readCounts(in, totals.mood);
            readCounts(in, totals.energy);
            readCounts(in, totals.stress);
            if (in.available() > 0) {
                throw new SerializationException("not a valid DayTotals: trailing bytes");
            }
            return totals;
        } catch (IOException e) {
            throw new SerializationException("not a valid DayTotals: truncated");
        }
    }

    private static int countsSize(Map<String, Long> counts) {
        int size = Short.BYTES;
        for (String label : counts.keySet()) {
            byte[] known = KNOWN_LABELS.get(label);
            size += (known != null ? known.length : Short.BYTES + utfLength(label)) + Long.BYTES;
        }
        return size;
    }

    private static void writeCounts(ByteBuffer out, Map<String, Long> counts) {
        out.putShort((short) counts.size());
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            byte[] known = KNOWN_LABELS.get(count.getKey());
            if (known != null) {
                out.put(known);
            } else {
                writeUtf(out, count.getKey());
            }
            out.putLong(count.getValue());
        }
    }

    private static Map<String, byte[]> knownLabels() {
        Map<String, byte[]> labels = new HashMap<>();
        for (List<String> type : List.of(
                WireEnum.labels(MoodLevel.class),
                WireEnum.labels(EnergyLevel.class),
                WireEnum.labels(StressLevel.class))) {
            for (String label : type) {
                ByteBuffer encoded = ByteBuffer.allocate(Short.BYTES + utfLength(label));
                writeUtf(encoded, label);
                labels.put(label, encoded.array());
            }
        }
        return Map.copyOf(labels);
    }

    /** The length {@link DataOutputStream#writeUTF} gives {@code label}, which must fit its 16-bit prefix. */
    private static int utfLength(String label) {
        int length = 0;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (length > 0xFFFF) {
            throw new SerializationException("a DayTotals label is longer than 65535 bytes");
        }
        return length;
    }

    /**
     * {@code label} as {@link DataOutputStream#writeUTF} writes it: a length, then modified UTF-8.
     * The length was checked by {@link #utfLength} when the buffer was sized; it is filled in after.
     */
    private static void writeUtf(ByteBuffer out, String label) {
        int lengthAt = out.position();
        out.putShort((short) 0);
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out.put((byte) c);
            } else if (c <= 0x07FF) {
                out.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else {
                out.put((byte) (0xE0 | (c >> 12)))
                        .put((byte) (0x80 | ((c >> 6) & 0x3F)))
                        .put((byte) (0x80 | (c & 0x3F)));
            }
        }
        out.putShort(lengthAt, (short) (out.position() - lengthAt - Short.BYTES));
    }

    private static void readCounts(DataInputStream in, Map<String, Long> counts) throws IOException {
        int size = in.readUnsignedShort();
        for (int i = 0; i < size; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
    }
}
