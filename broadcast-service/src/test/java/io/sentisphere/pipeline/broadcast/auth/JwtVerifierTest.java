package io.sentisphere.pipeline.broadcast.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Tokens built by hand (header.payload.HMAC) exactly as PyJWT/FastAPI would sign them. */
class JwtVerifierTest {

    static final String SECRET = "local-jwt-secret";
    static final long NOW = 1_795_000_000L;
    final JwtVerifier verifier = new JwtVerifier(
            SECRET.getBytes(StandardCharsets.UTF_8),
            "counselor",
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    static String token(String header, String payload, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "Bearer " + input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    static String hs256(String payload) throws Exception {
        return token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, SECRET);
    }

    @Test
    void aCounselorTokenSignedWithTheShortLocalSecretIsAllowed() throws Exception {
        Verdict verdict = verifier.check(hs256("{\"sub\":\"42\",\"role\":\"counselor\",\"exp\":" + (NOW + 600) + "}"));

        assertThat(verdict).isEqualTo(new Verdict.Allowed("42"));
    }

    @Test
    void theRoleMayComeAsAList() throws Exception {
        assertThat(verifier.check(hs256("{\"sub\":\"7\",\"roles\":[\"staff\",\"counselor\"]}")))
                .isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void anotherRoleIsForbidden() throws Exception {
        assertThat(verifier.check(hs256("{\"sub\":\"7\",\"role\":\"student\"}")))
                .isInstanceOf(Verdict.Forbidden.class);
    }

    @Test
    void badTokensAreUnauthenticated() throws Exception {
        assertThat(verifier.check(null)).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.check("Basic abc")).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.check("Bearer not.a.jwt")).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.check(token("{\"alg\":\"HS256\"}", "{\"role\":\"counselor\"}", "other-secret")))
                .isEqualTo(new Verdict.Unauthenticated("bad token signature"));
        assertThat(verifier.check(hs256("{\"role\":\"counselor\",\"exp\":" + (NOW - 3600) + "}")))
                .isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.check(hs256("{\"role\":\"counselor\",\"nbf\":" + (NOW + 3600) + "}")))
                .isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(verifier.check(token("{\"alg\":\"HS512\"}", "{\"role\":\"counselor\"}", SECRET)))
                .isEqualTo(new Verdict.Unauthenticated("token algorithm must be HS256"));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"role\":\"counselor\"}".getBytes(StandardCharsets.UTF_8)) + ".";

        assertThat(verifier.check("Bearer " + none)).isInstanceOf(Verdict.Unauthenticated.class);
    }
}
