package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.json.ContractJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JacksonException;

/** Serdes for contract and state types, with the one contract JSON mapping. */
public final class JsonSerde {

    private JsonSerde() {}

    /**
     * A serde whose deserializer throws {@link SerializationException} on input that is not a valid
     * {@code type}, so Streams hands it to the deserialization exception handler (dead letters).
     */
    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : ContractJson.mapper().writeValueAsBytes(value),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return ContractJson.mapper().readValue(bytes, type);
                    } catch (JacksonException e) {
                        // Jackson's message may quote the record, which may hold student data.
                        throw new SerializationException("not a valid " + type.getSimpleName() + " at "
                                + (e.getLocation() == null
                                        ? "?"
                                        : e.getLocation().offsetDescription()));
                    }
                });
    }
}
