package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads an {@link EventEnvelope} in one pass when {@code type} comes before {@code data}, as every
 * writer of the contract puts it ({@code @JsonPropertyOrder}): {@code data} is bound straight to
 * its type. Jackson's generic handling of an external type id buffers {@code data} in a token
 * buffer and parses it a second time whatever the order (about 6 % of stats-stream's catch-up).
 * A {@code data} that comes first is still accepted (JSON objects are unordered): it is buffered
 * until {@code type} is known.
 *
 * <p>The deserializers of the fields are looked up once per mapper ({@link #createContextual}):
 * looked up per value, as {@code DeserializationContext.readValue} does, Jackson contextualizes
 * them again each time, building a property matcher per event (about a seventh of the catch-up's
 * allocations).
 *
 * <p>Same outcomes as the annotation-driven reading: an unknown type id, a {@code type} without
 * {@code data} and a {@code data} without {@code type} are errors; neither, or {@code "data":
 * null}, gives an envelope with no data, which consumers refuse as incomplete; unknown properties
 * are ignored. The type ids are the {@link JsonSubTypes} on {@link EventEnvelope#data()}.
 */
final class EventEnvelopeDeserializer extends ValueDeserializer<EventEnvelope> {

    private static final Map<String, Class<?>> TYPES = types();

    /** Set by {@link #createContextual}; {@code null} in the instance Jackson creates first. */
    private final Deserializers fields;

    /** The field deserializers, resolved for one mapper. */
    private record Deserializers(
            ValueDeserializer<Object> strings,
            ValueDeserializer<Object> times,
            Map<String, ValueDeserializer<Object>> data) {}

    EventEnvelopeDeserializer() {
        this(null);
    }

    private EventEnvelopeDeserializer(Deserializers fields) {
        this.fields = fields;
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        if (fields != null) {
            return this;
        }
        Map<String, ValueDeserializer<Object>> data = new HashMap<>();
        TYPES.forEach((name, type) -> data.put(name, ctxt.findRootValueDeserializer(ctxt.constructType(type))));
        return new EventEnvelopeDeserializer(new Deserializers(
                ctxt.findRootValueDeserializer(ctxt.constructType(String.class)),
                ctxt.findRootValueDeserializer(ctxt.constructType(OffsetDateTime.class)),
                Map.copyOf(data)));
    }

    @Override
    public EventEnvelope deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (!p.isExpectedStartObjectToken()) {
            return (EventEnvelope) ctxt.handleUnexpectedToken(EventEnvelope.class, p);
        }
        String id = null;
        OffsetDateTime occurredAt = null;
        String type = null;
        boolean dataSeen = false;
        EventData data = null;
        TokenBuffer pending = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "id" ->
                    id = token == JsonToken.VALUE_NULL
                            ? null
                            : read(p, ctxt, String.class, fields == null ? null : fields.strings());
                case "occurred_at" ->
                    occurredAt = token == JsonToken.VALUE_NULL
                            ? null
                            : read(p, ctxt, OffsetDateTime.class, fields == null ? null : fields.times());
                case "type" -> {
                    if (token == JsonToken.VALUE_NULL) {
                        type = null;
                    } else if (token.isScalarValue()) {
                        type = p.getValueAsString();
                    } else {
                        ctxt.reportInputMismatch(this, "type must be a string, not %s", token);
                    }
                }
                case "data" -> {
                    dataSeen = true;
                    if (token == JsonToken.VALUE_NULL) {
                        data = null;
                        pending = null;
                    } else if (type != null) {
                        data = readData(p, ctxt, type);
                    } else {
                        pending = ctxt.bufferAsCopyOfValue(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (pending != null) {
            if (type == null) {
                ctxt.reportInputMismatch(this, "Missing external type id property 'type'");
            }
            try (JsonParser buffered = pending.asParserOnFirstToken(ctxt)) {
                data = readData(buffered, ctxt, type);
            }
        } else if (type != null && !dataSeen) {
            ctxt.reportInputMismatch(this, "Missing property 'data' for external type id 'type'");
        }
        return new EventEnvelope(id, occurredAt, data);
    }

    private EventData readData(JsonParser p, DeserializationContext ctxt, String type) {
        Class<?> target = TYPES.get(type);
        if (target == null) {
            ctxt.reportInputMismatch(
                    this, "Could not resolve type id '%s': known type ids = %s", type, new TreeSet<>(TYPES.keySet()));
        }
        return (EventData)
                read(p, ctxt, target, fields == null ? null : fields.data().get(type));
    }

    /** The value at {@code p} with {@code resolved}, or looked up per value where none was resolved. */
    private static <T> T read(
            JsonParser p, DeserializationContext ctxt, Class<T> type, ValueDeserializer<Object> resolved) {
        return resolved == null ? ctxt.readValue(p, type) : type.cast(resolved.deserialize(p, ctxt));
    }

    private static Map<String, Class<?>> types() {
        try {
            JsonSubTypes subTypes = EventEnvelope.class.getDeclaredField("data").getAnnotation(JsonSubTypes.class);
            Map<String, Class<?>> types = new HashMap<>();
            for (JsonSubTypes.Type subType : subTypes.value()) {
                types.put(subType.name(), subType.value());
            }
            return Map.copyOf(types);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("EventEnvelope has no data component", e);
        }
    }
}
