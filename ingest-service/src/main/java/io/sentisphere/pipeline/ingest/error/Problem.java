package io.sentisphere.pipeline.ingest.error;

/**
 * One thing wrong with a payload: where ({@code field}, e.g. {@code [2].data.mood_level}) and what
 * was expected. Never contains the offending value, which may be student data.
 */
public record Problem(String field, String problem) {}
