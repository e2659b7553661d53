package io.sentisphere.pipeline.ingest.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.ingest.config.WebhookSecret;
import io.sentisphere.pipeline.ingest.error.IngestErrors;
import io.sentisphere.pipeline.service.error.ErrorCode;
import io.sentisphere.pipeline.service.error.ServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    /** Python's json.dumps({"reason": "mobile_checkin", "stats": None, "range": "this_week"}). */
    private static final byte[] PYTHON_BODY =
            "{\"reason\": \"mobile_checkin\", \"stats\": null, \"range\": \"this_week\"}"
                    .getBytes(StandardCharsets.UTF_8);
    /** hmac.new(b"local-webhook-secret", PYTHON_BODY, sha256).hexdigest(), computed with CPython 3.11. */
    private static final String PYTHON_SIGNATURE = "916cb3179c94a8a0e4ff03606c86b903827588b2e70c27f9ab3be24d7a5e5d03";

    /** The example of the Standard Webhooks specification. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static SignatureVerifier verifier(long nowEpochSeconds, String... secrets) {
        return new SignatureVerifier(
                List.of(secrets).stream().map(WebhookSecret::parse).toList(),
                Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(nowEpochSeconds), ZoneOffset.UTC));
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static ErrorCode failure(Runnable verification) {
        try {
            verification.run();
        } catch (ServiceException e) {
            return e.error().code();
        }
        throw new AssertionError("verification passed");
    }

    @Test
    void acceptsTheOldFastApiCallersExactBytesAndSignature() {
        Verification v = verifier(0, "local-webhook-secret")
                .verify(headers("X-Webhook-Signature", PYTHON_SIGNATURE)::get, PYTHON_BODY);

        assertThat(v.scheme()).isEqualTo(Verification.Scheme.LEGACY);
    }

    @Test
    void rejectsACompactReserializationCarryingTheOriginalSignature() {
        byte[] compact = "{\"reason\":\"mobile_checkin\",\"stats\":null,\"range\":\"this_week\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(failure(() -> verifier(0, "local-webhook-secret")
                        .verify(headers("X-Webhook-Signature", PYTHON_SIGNATURE)::get, compact)))
                .isEqualTo(IngestErrors.Code.INVALID_SIGNATURE);
    }

    @Test
    void rejectsBodySignedWithAnotherSecret() {
        assertThat(failure(() -> verifier(0, "another-secret")
                        .verify(headers("X-Webhook-Signature", PYTHON_SIGNATURE)::get, PYTHON_BODY)))
                .isEqualTo(IngestErrors.Code.INVALID_SIGNATURE);
    }

    @Test
    void rejectsMissingOrMalformedSignatures() {
        SignatureVerifier verifier = verifier(0, "local-webhook-secret");
        for (Map<String, String> h : List.of(
                headers(),
                headers("X-Webhook-Signature", "not-hex"),
                headers("X-Webhook-Signature", ""),
                headers("webhook-id", SPEC_ID),
                headers("webhook-id", SPEC_ID, "webhook-timestamp", "soon", "webhook-signature", SPEC_SIGNATURE))) {
            assertThat(failure(() -> verifier.verify(h::get, PYTHON_BODY)))
                    .as("headers %s", h.keySet())
                    .isEqualTo(IngestErrors.Code.INVALID_SIGNATURE);
        }
    }

    @Test
    void acceptsTheStandardWebhooksSpecificationExample() {
        Verification v = verifier(SPEC_TIMESTAMP + 10, SPEC_SECRET)
                .verify(
                        headers(
                                "webhook-id",
                                SPEC_ID,
                                "webhook-timestamp",
                                String.valueOf(SPEC_TIMESTAMP),
                                "webhook-signature",
                                SPEC_SIGNATURE)::get,
                        SPEC_BODY);

        assertThat(v.scheme()).isEqualTo(Verification.Scheme.STANDARD_WEBHOOKS);
        assertThat(v.webhookId()).contains(SPEC_ID);
    }

    @Test
    void rejectsExpiredAndFutureTimestampsAsStale() {
        Map<String, String> h = headers(
                "webhook-id",
                SPEC_ID,
                "webhook-timestamp",
                String.valueOf(SPEC_TIMESTAMP),
                "webhook-signature",
                SPEC_SIGNATURE);

        assertThat(failure(() -> verifier(SPEC_TIMESTAMP + 301, SPEC_SECRET).verify(h::get, SPEC_BODY)))
                .isEqualTo(IngestErrors.Code.STALE_TIMESTAMP);
        assertThat(failure(() -> verifier(SPEC_TIMESTAMP - 301, SPEC_SECRET).verify(h::get, SPEC_BODY)))
                .isEqualTo(IngestErrors.Code.STALE_TIMESTAMP);
        verifier(SPEC_TIMESTAMP - 299, SPEC_SECRET).verify(h::get, SPEC_BODY);
    }

    @Test
    void forgedStandardSignatureIsInvalidNotStaleEvenWhenOld() {
        Map<String, String> h = headers(
                "webhook-id",
                SPEC_ID,
                "webhook-timestamp",
                String.valueOf(SPEC_TIMESTAMP),
                "webhook-signature",
                "v1,AAAA");

        assertThat(failure(() -> verifier(SPEC_TIMESTAMP + 3600, SPEC_SECRET).verify(h::get, SPEC_BODY)))
                .isEqualTo(IngestErrors.Code.INVALID_SIGNATURE);
    }

    @Test
    void acceptsTheSecondSecretDuringRotationForBothSchemes() {
        SignatureVerifier rotating =
                verifier(SPEC_TIMESTAMP, "new-secret-not-yet-used-by-sender", SPEC_SECRET, "local-webhook-secret");

        rotating.verify(
                headers(
                        "webhook-id",
                        SPEC_ID,
                        "webhook-timestamp",
                        String.valueOf(SPEC_TIMESTAMP),
                        "webhook-signature",
                        SPEC_SIGNATURE)::get,
                SPEC_BODY);
        rotating.verify(headers("X-Webhook-Signature", PYTHON_SIGNATURE)::get, PYTHON_BODY);
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() {
        String several = "v1,Zm9yZ2Vk v2,ignored " + SPEC_SIGNATURE + "  v1,bm90LWl0";

        Verification v = verifier(SPEC_TIMESTAMP, SPEC_SECRET)
                .verify(
                        headers(
                                "webhook-id",
                                SPEC_ID,
                                "webhook-timestamp",
                                String.valueOf(SPEC_TIMESTAMP),
                                "webhook-signature",
                                several)::get,
                        SPEC_BODY);

        assertThat(v.scheme()).isEqualTo(Verification.Scheme.STANDARD_WEBHOOKS);
    }

    @Test
    void usesNonWhsecSecretsAsUtf8BytesForStandardWebhooks() {
        byte[] mac = SignatureVerifier.hmac(
                "plain-secret".getBytes(StandardCharsets.UTF_8),
                List.of((SPEC_ID + "." + SPEC_TIMESTAMP + ".").getBytes(StandardCharsets.UTF_8), SPEC_BODY));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac);

        verifier(SPEC_TIMESTAMP, "plain-secret")
                .verify(
                        headers(
                                "webhook-id",
                                SPEC_ID,
                                "webhook-timestamp",
                                String.valueOf(SPEC_TIMESTAMP),
                                "webhook-signature",
                                signature)::get,
                        SPEC_BODY);
    }
}
