package io.sentisphere.pipeline.ingest.payload;

import io.sentisphere.pipeline.contracts.events.EventType;
import io.sentisphere.pipeline.contracts.events.RequiredFields;
import io.sentisphere.pipeline.contracts.events.WireEnum;
import io.sentisphere.pipeline.ingest.error.Problem;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of one JSON object's fields, each failure recorded as a {@link Problem} (with the
 * field's path, never its value) so that one pass reports everything wrong with a payload.
 * A read that fails returns null; callers build nothing when any problem was recorded.
 */
final class Fields {

    /** RFC 3339 date-time: seconds required, fraction optional, offset required ({@code Z} or ±hh:mm). */
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private final JsonNode node;
    private final String path;
    private final List<Problem> problems;
    private final Predicate<String> required;

    /** The envelope's fields: all required. */
    Fields(JsonNode node, String path, List<Problem> problems) {
        this(node, path, problems, name -> true);
    }

    private Fields(JsonNode node, String path, List<Problem> problems, Predicate<String> required) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.required = required;
    }

    /**
     * The {@code data} object of a {@code type} event, whose required fields are the contract's
     * ({@link RequiredFields}); null (with a problem) when it is missing or not an object. With an
     * unknown {@code type} (already reported) the object is still checked, its fields are not read.
     */
    Fields data(String name, EventType type) {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            fail(name, "must be an object");
            return null;
        }
        return new Fields(value, at(name), problems, field -> type == null || RequiredFields.isRequired(type, field));
    }

    String string(String name, int minLength, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            fail(name, "is required");
            return null;
        }
        if (!value.isString()) {
            fail(name, "must be a string");
            return null;
        }
        String text = value.asString();
        if (text.length() < minLength || text.length() > maxLength) {
            fail(name, "must be " + minLength + " to " + maxLength + " characters");
            return null;
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            fail(name, "must not contain control characters");
            return null;
        }
        return text;
    }

    /** A non-negative integer that fits in 64 bits; absent or null only when the field is optional. */
    Long integer(String name) {
        boolean nullable = !required.test(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (!nullable) {
                fail(name, "is required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            fail(name, "must be a non-negative integer" + (nullable ? " or null" : ""));
            return null;
        }
        return value.asLong();
    }

    /** A number in [min, max]. */
    Double number(String name, double min, double max) {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber() || !(value.asDouble() >= min && value.asDouble() <= max)) {
            fail(name, "must be a number from " + min + " to " + max);
            return null;
        }
        return value.asDouble();
    }

    /** One of {@code type}'s exact labels; absent or null only when the field is optional. */
    <E extends Enum<E> & WireEnum> E label(String name, Class<E> type) {
        boolean nullable = !required.test(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (!nullable) {
                fail(name, "is required");
            }
            return null;
        }
        E constant =
                value.isString() ? WireEnum.fromWire(type, value.asString()).orElse(null) : null;
        if (constant == null) {
            fail(name, "must be one of " + String.join(", ", WireEnum.labels(type)) + (nullable ? " or null" : ""));
        }
        return constant;
    }

    /** An RFC 3339 timestamp with an offset, years 1970 to 9999. */
    OffsetDateTime timestamp(String name) {
        String text = string(name, 1, 64);
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(text, RFC_3339);
            if (time.getYear() >= 1970 && time.getYear() <= 9999) {
                return time;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        fail(name, "must be an RFC 3339 timestamp with offset, e.g. 2026-11-26T08:15:00+08:00");
        return null;
    }

    int problemCount() {
        return problems.size();
    }

    void fail(String name, String problem) {
        problems.add(new Problem(at(name), problem));
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
