package io.sentisphere.pipeline.service.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Every environment variable of one service, each declared exactly once, in the spirit of Kafka's
 * {@code ConfigDef}: name, kind, default, local default, bounds and one line of doc. The service's
 * config record reads its values through {@link #read}; the README table is {@link #markdownTable()}
 * (a test keeps them equal), and the local stack's and docker-compose's variables are checked
 * against {@link #names()}.
 *
 * <p>Declare settings in the order they should be printed and documented. Not thread-safe while
 * declaring; declare in a static initializer and only read afterwards.
 */
public final class ConfigDef {

    /** How a value is read and validated. */
    public enum Kind {
        /** A string required in production; the local default fills it in the local profile. */
        REQUIRED,
        /** A string with a default in every profile (empty allowed when the default is empty). */
        OPTIONAL,
        /** A secret: required in production, where the local default is refused; printed masked. */
        SECRET,
        /** An integer within bounds. */
        INTEGER,
        /** A duration in milliseconds within bounds. */
        MILLIS,
        /** A duration in seconds within bounds. */
        SECONDS
    }

    /** One variable. {@code defaultValue} and {@code localDefault} are as written in the environment. */
    public record Setting<T>(
            String name,
            Kind kind,
            String defaultValue,
            String localDefault,
            long min,
            long max,
            String doc,
            Class<T> type) {

        /** The bounds as documented, e.g. {@code 1 – 65535}, or empty. */
        public String bounds() {
            return switch (kind) {
                case INTEGER, MILLIS, SECONDS -> min + " – " + max;
                default -> "";
            };
        }
    }

    private final String service;
    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();

    public ConfigDef(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** A string required in production; {@code localDefault} (may be null) applies in the local profile. */
    public Setting<String> required(String name, String localDefault, String doc) {
        return add(new Setting<>(name, Kind.REQUIRED, null, localDefault, 0, 0, doc, String.class));
    }

    /** A string with {@code defaultValue} in every profile. */
    public Setting<String> optional(String name, String defaultValue, String doc) {
        return add(new Setting<>(name, Kind.OPTIONAL, defaultValue, null, 0, 0, doc, String.class));
    }

    /** A secret; comma-separated lists are returned whole (split them with {@link EnvReader#splitList}). */
    public Setting<String> secret(String name, String localDefault, String doc) {
        return add(new Setting<>(name, Kind.SECRET, null, localDefault, 0, 0, doc, String.class));
    }

    /** An integer in [min, max]. */
    public Setting<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return add(new Setting<>(name, Kind.INTEGER, String.valueOf(defaultValue), null, min, max, doc, Integer.class));
    }

    /** A duration written in milliseconds, in [min, max]. */
    public Setting<Duration> millis(String name, Duration defaultValue, Duration min, Duration max, String doc) {
        return add(new Setting<>(
                name,
                Kind.MILLIS,
                String.valueOf(defaultValue.toMillis()),
                null,
                min.toMillis(),
                max.toMillis(),
                doc,
                Duration.class));
    }

    /** A duration written in seconds, in [min, max]. */
    public Setting<Duration> seconds(String name, Duration defaultValue, Duration min, Duration max, String doc) {
        return add(new Setting<>(
                name,
                Kind.SECONDS,
                String.valueOf(defaultValue.toSeconds()),
                null,
                min.toSeconds(),
                max.toSeconds(),
                doc,
                Duration.class));
    }

    private <T> Setting<T> add(Setting<T> setting) {
        if (settings.containsKey(setting.name()) || EnvReader.PROFILE.equals(setting.name())) {
            throw new IllegalArgumentException(setting.name() + " is declared twice in " + service);
        }
        settings.put(setting.name(), setting);
        return setting;
    }

    /** Every declared setting, in declaration order. */
    public List<Setting<?>> settings() {
        return List.copyOf(settings.values());
    }

    /** Every variable this service reads, {@code PIPELINE_PROFILE} included. */
    public List<String> names() {
        List<String> names = new ArrayList<>(settings.keySet());
        names.add(0, EnvReader.PROFILE);
        return Collections.unmodifiableList(names);
    }

    /**
     * Reads and validates every declared variable from {@code lookup}, collecting every problem.
     * Add interpretation problems with {@link Values#problem}, then call {@link Values#finish()}.
     */
    public Values read(Function<String, String> lookup) {
        EnvReader env = new EnvReader(service, lookup);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : settings.values()) {
            values.put(
                    s.name(),
                    switch (s.kind()) {
                        case REQUIRED -> env.string(s.name(), s.localDefault());
                        case OPTIONAL -> env.optional(s.name(), s.defaultValue());
                        case SECRET -> env.secret(s.name(), s.localDefault());
                        case INTEGER ->
                            env.integer(s.name(), Integer.parseInt(s.defaultValue()), (int) s.min(), (int) s.max());
                        case MILLIS ->
                            env.millis(
                                    s.name(),
                                    Duration.ofMillis(Long.parseLong(s.defaultValue())),
                                    Duration.ofMillis(s.min()),
                                    Duration.ofMillis(s.max()));
                        case SECONDS ->
                            Duration.ofSeconds(env.integer(
                                    s.name(), Integer.parseInt(s.defaultValue()), (int) s.min(), (int) s.max()));
                    });
        }
        return new Values(env, values);
    }

    /**
     * The README table of these settings: variable, default, local default (when it differs) and
     * bounds, then the doc line. {@code PIPELINE_PROFILE} is documented once, in the root README.
     */
    public String markdownTable() {
        StringJoiner table = new StringJoiner("\n", "", "\n");
        table.add("| variable | default | local default | meaning |");
        table.add("|---|---|---|---|");
        for (Setting<?> s : settings.values()) {
            String defaultValue = switch (s.kind()) {
                case REQUIRED -> "required";
                case SECRET -> "required (secret)";
                default -> s.defaultValue().isEmpty() ? "unset" : "`" + s.defaultValue() + "`";
            };
            String bounds = s.bounds().isEmpty() ? "" : " (" + s.bounds() + unit(s.kind()) + ")";
            String local = s.localDefault() == null ? "" : "`" + s.localDefault() + "`";
            table.add("| `" + s.name() + "` | " + defaultValue + bounds + " | " + local + " | " + s.doc() + " |");
        }
        return table.toString();
    }

    private static String unit(Kind kind) {
        return switch (kind) {
            case MILLIS -> " ms";
            case SECONDS -> " s";
            default -> "";
        };
    }

    /** The values of one read; typed access by {@link Setting}. */
    public static final class Values {
        private final EnvReader env;
        private final Map<String, Object> values;

        private Values(EnvReader env, Map<String, Object> values) {
            this.env = env;
            this.values = values;
        }

        public Profile profile() {
            return env.profile();
        }

        /** The value of {@code setting} (its default when it was invalid; {@link #finish()} then throws). */
        public <T> T get(Setting<T> setting) {
            if (!values.containsKey(setting.name())) {
                throw new IllegalArgumentException(setting.name() + " is not declared here");
            }
            return setting.type().cast(values.get(setting.name()));
        }

        /** An optional string setting, empty when unset or blank. */
        public Optional<String> optional(Setting<String> setting) {
            String value = get(setting);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }

        /** An optional string setting, or {@code fallback}'s value when unset; printed as the value in effect. */
        public String orElse(Setting<String> setting, java.util.function.Supplier<String> fallback) {
            String value = optional(setting).orElseGet(fallback);
            env.print(setting.name(), value);
            return value;
        }

        /** Records a problem found while interpreting a value (e.g. a malformed URL). */
        public void problem(String message) {
            env.problem(message);
        }

        /**
         * The values read, secrets masked, in declaration order: safe to log.
         *
         * @throws ConfigProblems when any value was missing or invalid
         */
        public Map<String, String> finish() {
            return env.finish();
        }
    }
}
