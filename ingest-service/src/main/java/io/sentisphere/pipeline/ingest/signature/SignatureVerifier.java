package io.sentisphere.pipeline.ingest.signature;

import io.sentisphere.pipeline.ingest.config.WebhookSecret;
import io.sentisphere.pipeline.ingest.error.IngestErrors;
import io.sentisphere.pipeline.service.error.ServiceException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a request's signature over the exact raw body bytes, never a re-serialization.
 *
 * <ul>
 *   <li>Standard Webhooks, used when any {@code webhook-*} header is present: HMAC-SHA256 over
 *       {@code id.timestamp.body}; {@code webhook-signature} holds one or more space-separated
 *       {@code v1,<base64>} entries, any of which may match; the timestamp must be within the
 *       tolerance, past or future.</li>
 *   <li>Legacy (the old Laravel endpoint): {@code X-Webhook-Signature} is the hex HMAC-SHA256 of
 *       the body.</li>
 * </ul>
 *
 * <p>Every active secret is tried (key rotation). Comparisons are constant-time. The signature is
 * checked before the timestamp, so only a genuinely signed but old request learns it was stale.
 */
public final class SignatureVerifier {

    public static final String LEGACY_HEADER = "X-Webhook-Signature";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final List<WebhookSecret> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public SignatureVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * @param header a case-insensitive header lookup, returning null when absent
     * @return how the request was signed
     * @throws ServiceException with {@code InvalidSignature} or {@code StaleTimestamp}
     */
    public Verification verify(Function<String, String> header, byte[] body) {
        String id = header.apply(ID_HEADER);
        String timestamp = header.apply(TIMESTAMP_HEADER);
        String signatures = header.apply(SIGNATURE_HEADER);
        if (id != null || timestamp != null || signatures != null) {
            return verifyStandard(id, timestamp, signatures, body);
        }
        String legacy = header.apply(LEGACY_HEADER);
        if (legacy != null && matchesAny(decodeHex(legacy.trim()), List.of(body))) {
            return new Verification(Verification.Scheme.LEGACY, Optional.empty());
        }
        throw invalid();
    }

    private Verification verifyStandard(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null || id.isEmpty()) {
            throw invalid();
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw invalid();
        }
        byte[] prefix = (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String entry : signatures.trim().split(" +")) {
            if (entry.startsWith("v1,") && matchesAny(decodeBase64(entry.substring(3)), List.of(prefix, body))) {
                matched = true;
                break;
            }
        }
        if (!matched) {
            throw invalid();
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw new ServiceException(IngestErrors.staleTimestamp());
        }
        return new Verification(Verification.Scheme.STANDARD_WEBHOOKS, Optional.of(id));
    }

    private boolean matchesAny(byte[] given, List<byte[]> signedParts) {
        if (given == null) {
            return false;
        }
        boolean matched = false;
        for (WebhookSecret secret : secrets) {
            // No early exit: the time taken does not depend on which secret matched.
            matched |= MessageDigest.isEqual(given, hmac(secret.key(), signedParts));
        }
        return matched;
    }

    /** HMAC-SHA256 of the concatenated parts with {@code key}. */
    public static byte[] hmac(byte[] key, List<byte[]> parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            parts.forEach(mac::update);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] decodeHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] decodeBase64(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ServiceException invalid() {
        return new ServiceException(IngestErrors.invalidSignature());
    }
}
