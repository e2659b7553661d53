package io.sentisphere.pipeline.ingest.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One active HMAC key. A secret written {@code whsec_<base64>} is base64-decoded, as the Standard
 * Webhooks libraries do; any other secret is used as its UTF-8 bytes (what the old FastAPI caller
 * did with {@code secret.encode()}). The same key serves both signature schemes.
 */
public record WebhookSecret(byte[] key) {

    private static final String STANDARD_PREFIX = "whsec_";

    /**
     * @throws IllegalArgumentException when a {@code whsec_} secret is not valid base64 or is empty
     */
    public static WebhookSecret parse(String secret) {
        if (secret.startsWith(STANDARD_PREFIX)) {
            byte[] key = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
            if (key.length == 0) {
                throw new IllegalArgumentException("empty key");
            }
            return new WebhookSecret(key);
        }
        return new WebhookSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "WebhookSecret[****]";
    }
}
