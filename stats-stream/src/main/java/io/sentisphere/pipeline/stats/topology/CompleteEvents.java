package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RequiredFields;
import java.util.List;

/**
 * Checks that a parsed envelope has every field the contract requires (declared once, in
 * {@link RequiredFields}). ingest never writes such records, but any producer can write to the
 * topic; an incomplete record is rejected before it touches any state, and the processing
 * exception handler dead-letters it.
 */
final class CompleteEvents {

    private CompleteEvents() {}

    /** @throws IllegalArgumentException naming the missing fields (never a value) */
    static void require(EventEnvelope event) {
        if (event.id() == null || event.occurredAt() == null || event.data() == null) {
            throw new IllegalArgumentException("missing one of the required fields: id, occurred_at, data");
        }
        List<String> missing = RequiredFields.missing(event.data());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing required fields: " + String.join(", ", missing));
        }
    }
}
