package io.sentisphere.pipeline.bench;

/** Benchmark settings from environment variables. */
final class Knobs {

    private Knobs() {}

    static int intEnv(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }
}
