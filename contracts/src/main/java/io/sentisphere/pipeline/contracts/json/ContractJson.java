package io.sentisphere.pipeline.contracts.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of every contract type: snake_case names, enums as their wire labels,
 * timestamps as RFC 3339 strings keeping their offset.
 *
 * <p>Parsing is strict and bounded so that hostile input fails fast with a parse error: duplicate
 * keys are rejected, nesting is limited to {@value #MAX_NESTING_DEPTH} levels and numbers to
 * {@value #MAX_NUMBER_LENGTH} digits.
 */
public final class ContractJson {

    /** Deepest nesting accepted; the contract's payloads need 3 levels. */
    public static final int MAX_NESTING_DEPTH = 16;

    /** Longest number literal accepted. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ContractJson() {}

    /** The shared, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
