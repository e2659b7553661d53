package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.stats.domain.DayTotals;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * a size, then label and count pairs: the labels this release knows in their declaration order,
 * then any others by label), big-endian as {@link DataOutputStream} writes them. A reader takes the
 * pairs in any order.
 *
 * <p>Values written by earlier releases are JSON; they start with {@code '{'} and are still read,
 * so a state directory or changelog from before this format restores unchanged (and is rewritten
 * in this format as days change). Anything else is a {@link SerializationException}.
 */
final class DayTotalsSerde implements Serde<DayTotals> {

    static final byte BINARY = 1;

    /** How earlier releases wrote the store: {@link DayTotals}' fields in the contract JSON mapping. */
    record LegacyJson(
            long checkins,
            double wellnessSum,
            Map<String, Long> mood,
            Map<String, Long> energy,
            Map<String, Long> stress,
            long positive,
            long neutral,
            long negative) {

        DayTotals toTotals() {
            DayTotals totals = new DayTotals();
            totals.checkins = checkins;
            totals.wellnessSum = wellnessSum;
            addAll(totals.mood, mood);
            addAll(totals.energy, energy);
            addAll(totals.stress, stress);
            totals.positive = positive;
            totals.neutral = neutral;
            totals.negative = negative;
            return totals;
        }

        private static void addAll(DayTotals.Counts counts, Map<String, Long> values) {
            if (values != null) {
                values.forEach((label, count) -> counts.add(label, count == null ? 0 : count));
            }
        }
    }

    private static final Deserializer<LegacyJson> LEGACY_JSON =
            JsonSerde.of(LegacyJson.class).deserializer();

    @Override
    public Serializer<DayTotals> serializer() {
        return (topic, totals) -> totals == null ? null : write(totals);
    }

    @Override
    public Deserializer<DayTotals> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /**
     * Each breakdown's known labels, by the index {@link DayTotals.Counts#known} takes, already
     * encoded as {@link DataOutputStream#writeUTF} writes them. Immutable, so shared by every
     * serializer.
     */
    private static final byte[][] MOOD_LABELS = encoded(DayTotals.MOOD_LABELS);

    private static final byte[][] ENERGY_LABELS = encoded(DayTotals.ENERGY_LABELS);
    private static final byte[][] STRESS_LABELS = encoded(DayTotals.STRESS_LABELS);

    /**
     * Writes the layout above into one exactly sized buffer: the same bytes {@link DataOutputStream}
     * would give, without its synchronized per-field writes. It runs once per check-in, so the known
     * labels are copied from their encoded form, in the levels' declaration order; any other label
     * (a store written by a release with other levels) is encoded here, after them.
     */
    static byte[] write(DayTotals totals) {
        int size = 1
                + 5 * Long.BYTES
                + countsSize(totals.mood, MOOD_LABELS)
                + countsSize(totals.energy, ENERGY_LABELS)
                + countsSize(totals.stress, STRESS_LABELS);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(BINARY)
                .putLong(totals.checkins)
                .putDouble(totals.wellnessSum)
                .putLong(totals.positive)
                .putLong(totals.neutral)
                .putLong(totals.negative);
        writeCounts(out, totals.mood, MOOD_LABELS);
        writeCounts(out, totals.energy, ENERGY_LABELS);
        writeCounts(out, totals.stress, STRESS_LABELS);
        return out.array();
    }

    static DayTotals read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return LEGACY_JSON.deserialize(null, bytes).toTotals();
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

    private static int countsSize(DayTotals.Counts counts, byte[][] knownLabels) {
        int size = Short.BYTES;
        for (int i = 0; i < knownLabels.length; i++) {
            if (counts.known(i) != 0) {
                size += knownLabels[i].length + Long.BYTES;
            }
        }
        for (String label : counts.other().keySet()) {
            size += Short.BYTES + utfLength(label) + Long.BYTES;
        }
        return size;
    }

    private static void writeCounts(ByteBuffer out, DayTotals.Counts counts, byte[][] knownLabels) {
        out.putShort((short) counts.size());
        for (int i = 0; i < knownLabels.length; i++) {
            long count = counts.known(i);
            if (count != 0) {
                out.put(knownLabels[i]).putLong(count);
            }
        }
        for (Map.Entry<String, Long> count : counts.other().entrySet()) {
            writeUtf(out, count.getKey());
            out.putLong(count.getValue());
        }
    }

    private static byte[][] encoded(List<String> labels) {
        byte[][] encoded = new byte[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            ByteBuffer label = ByteBuffer.allocate(Short.BYTES + utfLength(labels.get(i)));
            writeUtf(label, labels.get(i));
            encoded[i] = label.array();
        }
        return encoded;
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

    private static void readCounts(DataInputStream in, DayTotals.Counts counts) throws IOException {
        int size = in.readUnsignedShort();
        for (int i = 0; i < size; i++) {
            counts.add(in.readUTF(), in.readLong());
        }
    }
}
