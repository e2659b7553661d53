package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.stats.domain.DayTotals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    static byte[] write(DayTotals totals) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(BINARY);
            out.writeLong(totals.checkins);
            out.writeDouble(totals.wellnessSum);
            out.writeLong(totals.positive);
            out.writeLong(totals.neutral);
            out.writeLong(totals.negative);
            writeCounts(out, totals.mood);
            writeCounts(out, totals.energy);
            writeCounts(out, totals.stress);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
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

    private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeShort(counts.size());
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            out.writeUTF(count.getKey());
            out.writeLong(count.getValue());
        }
    }

    private static void readCounts(DataInputStream in, Map<String, Long> counts) throws IOException {
        int size = in.readUnsignedShort();
        for (int i = 0; i < size; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
    }
}
