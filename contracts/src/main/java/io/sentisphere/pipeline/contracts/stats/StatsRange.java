package io.sentisphere.pipeline.contracts.stats;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dashboard's stats ranges, evaluated in the configured time zone with weeks starting on Monday.
 *
 * <p>The old backends disagreed on names ({@code last_30d} vs {@code last_30_days}); both spellings
 * are accepted on input and the canonical name is what every topic and channel carries.
 */
public enum StatsRange {
    TODAY("today"),
    YESTERDAY("yesterday"),
    THIS_WEEK("this_week"),
    LAST_WEEK("last_week"),
    THIS_MONTH("this_month"),
    LAST_MONTH("last_month"),
    LAST_7_DAYS("last_7_days", "last_7d"),
    LAST_30_DAYS("last_30_days", "last_30d"),
    THIS_SEMESTER("this_semester");

    /** The range used when a request names none, as the old endpoint did. */
    public static final StatsRange DEFAULT = THIS_WEEK;

    private final String wire;
    private final List<String> aliases;

    StatsRange(String wire, String... aliases) {
        this.wire = wire;
        this.aliases = List.of(aliases);
    }

    /** The canonical name, used as topic key and channel suffix. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The range named {@code name} exactly, by canonical name or alias. */
    public static Optional<StatsRange> parse(String name) {
        return Arrays.stream(values())
                .filter(r -> r.wire.equals(name) || r.aliases.contains(name))
                .findFirst();
    }

    /** Every accepted spelling, canonical names first; for error messages and docs. */
    public static List<String> acceptedNames() {
        return Stream.concat(
                        Arrays.stream(values()).map(StatsRange::wire),
                        Arrays.stream(values()).flatMap(r -> r.aliases.stream()))
                .toList();
    }
}
