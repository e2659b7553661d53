package io.sentisphere.pipeline.service.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one service's environment variables into typed values, collecting every problem instead
 * of stopping at the first, and recording each value (secrets masked) for the start-up banner.
 *
 * <p>Usage: read every key, then call {@link #finish()}, which throws {@link ConfigProblems} when
 * anything was wrong. Values come from a lookup function so tests and Spring's {@code Environment}
 * can stand in for {@code System.getenv}.
 */
public final class EnvReader {

    /** Selects {@link Profile}: {@code local} or {@code production} (default). */
    public static final String PROFILE = "PIPELINE_PROFILE";

    private final String service;
    private final Function<String, String> lookup;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> printable = new LinkedHashMap<>();
    private final Profile profile;

    public EnvReader(String service, Function<String, String> lookup) {
        this.service = service;
        this.lookup = lookup;
        this.profile = readProfile();
    }

    public Profile profile() {
        return profile;
    }

    /** A required string; {@code localDefault} applies only in the local profile. */
    public String string(String name, String localDefault) {
        String value = raw(name);
        if (value == null) {
            if (profile == Profile.LOCAL && localDefault != null) {
                value = localDefault;
            } else {
                problems.add(name + " is required");
                return localDefault;
            }
        }
        printable.put(name, value);
        return value;
    }

    /** A plain string with a default in every profile. */
    public String optional(String name, String defaultValue) {
        String value = raw(name);
        String result = value == null ? defaultValue : value.trim();
        printable.put(name, result);
        return result;
    }

    /**
     * A secret: required in production, where the local default is refused; printed masked.
     * Comma-separated lists are returned whole; split them with {@link #splitList(String)}.
     */
    public String secret(String name, String localDefault) {
        String value = raw(name);
        if (value == null) {
            if (profile == Profile.LOCAL) {
                value = localDefault;
            } else {
                problems.add(name + " is required in production");
                return localDefault;
            }
        } else if (profile == Profile.PRODUCTION && splitList(value).contains(localDefault)) {
            problems.add(name + " must not use the local default value in production");
        }
        printable.put(name, mask(value));
        return value;
    }

    /** An integer in [min, max], with a default for every profile. */
    public int integer(String name, int defaultValue, int min, int max) {
        String value = raw(name);
        int result = defaultValue;
        if (value != null) {
            try {
                result = Integer.parseInt(value.trim());
                if (result < min || result > max) {
                    problems.add(name + " must be between " + min + " and " + max + " (was " + result + ")");
                }
            } catch (NumberFormatException e) {
                problems.add(name + " must be an integer (was '" + value + "')");
            }
        }
        printable.put(name, String.valueOf(result));
        return result;
    }

    /** A duration given in milliseconds, in [min, max]. */
    public Duration millis(String name, Duration defaultValue, Duration min, Duration max) {
        int ms = integer(name, (int) defaultValue.toMillis(), (int) min.toMillis(), (int) max.toMillis());
        return Duration.ofMillis(ms);
    }

    /** Replaces the printed value of {@code name} with the value in effect (e.g. a computed default). */
    void print(String name, String value) {
        printable.put(name, value);
    }

    /** Records a problem found while interpreting a value (e.g. a malformed secret). */
    public void problem(String message) {
        problems.add(message);
    }

    /**
     * The values read so far, secrets masked, in reading order; safe to log.
     *
     * @throws ConfigProblems when any value was missing or invalid
     */
    public Map<String, String> finish() {
        if (!problems.isEmpty()) {
            throw new ConfigProblems(service, problems);
        }
        printable.put(PROFILE, profile.name().toLowerCase(Locale.ROOT));
        return Collections.unmodifiableMap(new LinkedHashMap<>(printable));
    }

    /** Splits a comma-separated value, trimming and dropping empty items. */
    public static List<String> splitList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Masks every item of a (possibly comma-separated) secret, keeping only its length. */
    public static String mask(String value) {
        return String.join(
                ",",
                splitList(value).stream()
                        .map(s -> "****(" + s.length() + " chars)")
                        .toList());
    }

    private Profile readProfile() {
        String value = raw(PROFILE);
        if (value == null) {
            return Profile.PRODUCTION;
        }
        try {
            return Profile.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(PROFILE + " must be 'local' or 'production' (was '" + value + "')");
            return Profile.PRODUCTION;
        }
    }

    private String raw(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
