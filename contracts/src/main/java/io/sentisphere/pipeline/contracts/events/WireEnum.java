package io.sentisphere.pipeline.contracts.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An enum whose JSON form is a fixed label (e.g. {@code "Very High Stress"}), matched exactly and
 * case-sensitively, as the FastAPI backend sends it.
 */
public interface WireEnum {

    /** The exact label used on the wire. */
    String wire();

    /** The constant of {@code type} whose label is exactly {@code label}, if any. */
    static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String label) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(label)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** Every label of {@code type}, in declaration order; for error messages and docs. */
    static <E extends Enum<E> & WireEnum> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList();
    }
}
