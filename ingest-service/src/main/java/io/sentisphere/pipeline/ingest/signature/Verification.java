package io.sentisphere.pipeline.ingest.signature;

import java.util.Optional;

/**
 * A successful verification.
 *
 * @param webhookId the Standard Webhooks {@code webhook-id}, stable across the sender's retries
 */
public record Verification(Scheme scheme, Optional<String> webhookId) {

    public enum Scheme {
        LEGACY,
        STANDARD_WEBHOOKS
    }
}
